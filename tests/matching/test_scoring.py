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


def reasons(have, *, trainings, job=JOB):
    return explain.job_reasons(
        scoring.score_job(seeker(dict.fromkeys(have, True)), job),
        labels=LABELS,
        trainings_teaching_missing=trainings,
    )


ONE_MISSING = JobFacts(required=frozenset({1, 2}))


def test_explanation_in_english_with_plurals():
    with translation.override("en"):
        assert reasons({1, 4}, trainings=2) == (
            "You have 2 of 4 required skills. Missing: SQL, Linux — taught in 2 trainings "
            "starting soon."
        )
        assert reasons({1, 4}, trainings=1).endswith(
            "Missing: SQL, Linux — taught in 1 training starting soon."
        )
        assert reasons({1}, trainings=1, job=ONE_MISSING) == (
            "You have 1 of 2 required skills. Missing: SQL — taught in 1 training starting soon."
        )
        assert reasons({1}, trainings=0, job=ONE_MISSING).endswith("Missing: SQL.")
        assert reasons({1}, trainings=0, job=JobFacts(required=frozenset({1}))) == (
            "You have 1 of 1 required skill."
        )


def test_explanation_in_spanish_with_plurals():
    with translation.override("es"):
        assert reasons({1, 4}, trainings=2) == (
            "Usted tiene 2 de 4 habilidades requeridas. Le faltan: SQL, Linux — se enseñan en "
            "2 capacitaciones que empiezan pronto."
        )
        assert reasons({1, 4}, trainings=1).endswith(
            "Le faltan: SQL, Linux — se enseñan en 1 capacitación que empieza pronto."
        )
        assert reasons({1}, trainings=1, job=ONE_MISSING).endswith(
            "Le falta: SQL — se enseña en 1 capacitación que empieza pronto."
        )
        assert reasons({1}, trainings=0, job=ONE_MISSING).endswith("Le falta: SQL.")
        assert reasons({1, 4}, trainings=0).endswith("Le faltan: SQL, Linux.")
        assert reasons({1}, trainings=0, job=JobFacts(required=frozenset({1}))) == (
            "Usted tiene 1 de 1 habilidad requerida."
        )
        assert explain.band_label(scoring.Band.STRONG) == "Muy compatible"
        assert explain.program_reasons(["SQL"]) == (
            "Enseña 1 habilidad que piden los empleos abiertos: SQL."
        )


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_counted_explanation_disagrees_with_its_number(language):
    """Every combination of counts: a singular number never meets a plural word."""
    singular = {"en": ["1 trainings", "1 skills", "teach them"], "es": ["1 capacitaciones"]}
    with translation.override(language):
        for have in all_skill_sets():
            for trainings in range(4):
                text = reasons(set(have), trainings=trainings)
                assert not any(bad in text for bad in singular[language]), text
                if language == "es" and len(set(JOB.required) - set(have)) == 1:
                    assert "Le falta:" in text and "se enseñan" not in text, text
