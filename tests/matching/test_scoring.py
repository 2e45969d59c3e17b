"""The scoring rules, as properties (pure functions: no database)."""

import itertools

import pytest
from django.utils import translation

from apps.matching import explain, scoring
from apps.matching.scoring import JobFacts, SeekerFacts
from apps.skills.vocabulary import Schedule, WorkSetting

JOB = JobFacts(
    required=frozenset({1, 2, 3, 4}),
    preferred=frozenset({5, 6}),
    occupation=100,
    work_setting=WorkSetting.ONSITE.bit,
    schedule=Schedule.DAY.bit,
)
ALL_SETTINGS = WorkSetting.mask(WorkSetting)


def seeker(skills, **kwargs):
    kwargs.setdefault("work_settings", ALL_SETTINGS)
    return SeekerFacts(skills=dict(skills), **kwargs)


def all_skill_sets():
    ids = [1, 2, 3, 4, 5, 6, 7]
    for r in range(len(ids) + 1):
        yield from itertools.combinations(ids, r)


def test_one_more_matching_skill_never_lowers_a_score():
    for base in all_skill_sets():
        for verified in (False, True):
            before = scoring.score_job(seeker(dict.fromkeys(base, verified)), JOB).score
            for extra in set(range(1, 8)) - set(base):
                for extra_verified in (False, True):
                    more = {**dict.fromkeys(base, verified), extra: extra_verified}
                    assert scoring.score_job(seeker(more), JOB).score >= before


def test_verifying_a_skill_raises_the_score():
    self_reported = scoring.score_job(seeker({1: False, 2: False}), JOB)
    verified = scoring.score_job(seeker({1: True, 2: False}), JOB)
    assert verified.score > self_reported.score


def test_only_skills_and_preferences_are_inputs():
    # Demographics and ZIP code are not fields of SeekerFacts: they cannot change a score.
    fields = set(SeekerFacts.__dataclass_fields__)
    assert fields == {"skills", "occupations", "work_settings", "availability"}


def test_full_match_is_strong_and_nothing_is_no_match():
    full = seeker(dict.fromkeys(range(1, 7), True), occupations=frozenset({100}))
    assert scoring.score_job(full, JOB).score == 100
    assert scoring.score_job(full, JOB).band == scoring.Band.STRONG
    assert scoring.score_job(seeker({}), JOB).band == scoring.Band.NONE


def test_missing_and_matched_skills():
    match = scoring.score_job(seeker({1: True, 3: False, 5: False}), JOB)
    assert match.matched_required == (1, 3)
    assert match.missing_required == (2, 4)
    assert match.matched_preferred == (5,)


@pytest.mark.parametrize(
    ("availability", "schedule", "fits"),
    [
        (0, Schedule.NIGHT, True),  # left blank: not held against anyone
        (Schedule.DAY.bit, Schedule.DAY, True),
        (Schedule.EVENING.bit, Schedule.DAY, False),
        (Schedule.EVENING.bit, Schedule.FLEXIBLE, True),
    ],
)
def test_schedule(availability, schedule, fits):
    assert scoring.schedule_fits(schedule.bit, availability) is fits


def test_work_setting_counts():
    remote_only = seeker({1: True}, work_settings=WorkSetting.REMOTE.bit)
    anywhere = seeker({1: True})
    assert scoring.score_job(anywhere, JOB).score - scoring.score_job(remote_only, JOB).score == 5


def test_programs_ranked_by_gap_closed_then_start_then_price():
    from datetime import date
    from decimal import Decimal

    facts = seeker({1: True})
    gap = scoring.skill_gap(facts, {1: 9, 2: 5, 3: 1})
    assert gap == {2: 5, 3: 1}
    programs = [
        scoring.ProgramFacts(1, frozenset({3}), date(2027, 1, 1)),
        scoring.ProgramFacts(2, frozenset({2}), date(2027, 3, 1), price=Decimal(100)),
        scoring.ProgramFacts(3, frozenset({2}), date(2027, 2, 1), price=Decimal(900)),
        scoring.ProgramFacts(4, frozenset({2, 3}), date(2027, 6, 1)),
        scoring.ProgramFacts(5, frozenset({1}), date(2027, 1, 1)),  # teaches nothing missing
    ]
    ranked = scoring.rank_programs(facts, gap, programs)
    assert [m.program_id for m in ranked] == [4, 3, 2, 1]
    assert ranked[0].closes == (2, 3)


LABELS = {1: "Python", 2: "SQL", 3: "Linux", 4: "Git", 5: "Docker", 6: "AWS"}


def test_explanation_in_english_with_plurals():
    match = scoring.score_job(seeker({1: True, 4: True}), JOB)
    with translation.override("en"):
        text = explain.job_reasons(match, labels=LABELS, trainings_teaching_missing=2)
        one = explain.job_reasons(match, labels=LABELS, trainings_teaching_missing=1)
    assert text.startswith("You have 2 of 4 required skills. Missing: SQL, Linux — 2 trainings")
    assert "teach them" in text
    assert "1 training starting soon teaches them" in one


def test_explanation_in_spanish_with_plurals():
    match = scoring.score_job(seeker({1: True, 4: True}), JOB)
    single = JobFacts(required=frozenset({1}))
    with translation.override("es"):
        text = explain.job_reasons(match, labels=LABELS, trainings_teaching_missing=2)
        one = explain.job_reasons(
            scoring.score_job(seeker({1: True}), single),
            labels=LABELS,
            trainings_teaching_missing=0,
        )
        band = explain.band_label(scoring.Band.STRONG)
    assert text.startswith("Usted tiene 2 de 4 habilidades requeridas. Le faltan: SQL, Linux")
    assert "2 capacitaciones" in text
    assert one.startswith("Usted tiene 1 de 1 habilidad requerida.")
    assert band == "Muy compatible"
