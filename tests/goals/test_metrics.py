"""The goal's numbers on small hand-built rows with known answers (no database)."""

from datetime import date

import pytest

from apps.goals import metrics
from apps.goals.metrics import Demographic, GoalFacts, HireRow, Inputs, PledgeRow, Registrant

GOAL = GoalFacts(target=10, start=date(2020, 1, 1), end=date(2020, 12, 31))


def hire(i, start, *, person=None, status="verified", decided=None, reported=None, **kw):
    return HireRow(
        id=i,
        person=person or f"seeker:{i}",
        start=start,
        reported_on=reported or start,
        decided_on=decided or (start if status != "reported" else None),
        status=status,
        occupation_id=kw.pop("occupation_id", 1),
        employer_id=kw.pop("employer_id", 1),
        seeker_id=kw.pop("seeker_id", i),
        **kw,
    )


def test_person_key_prefers_the_account_then_the_lowercased_email_then_the_hire():
    assert metrics.person_key(hire_id=5, seeker_id=9, external_email="A@X.example") == "seeker:9"
    assert metrics.person_key(hire_id=5, seeker_id=None, external_email=" A@X.Example") == (
        "email:a@x.example"
    )
    assert metrics.person_key(hire_id=5, seeker_id=None, external_email="") == "hire:5"


def test_a_rehire_counts_the_person_once_and_the_job_twice():
    rows = [hire(1, date(2020, 2, 1)), hire(2, date(2020, 6, 1), person="seeker:1")]
    data = metrics.compute(GOAL, Inputs(hires=rows), date(2020, 12, 31))
    assert data["headline"]["people"] == 1
    assert data["headline"]["jobs_filled"] == 2
    # The person counts from their first counted start.
    months = {m["month"]: m for m in data["months"]}
    assert months["2020-02"]["new_people"] == 1
    assert months["2020-06"]["new_people"] == 0
    assert months["2020-06"]["jobs"] == 1


def test_rejected_then_reported_again_and_verified_counts_once():
    rows = [
        hire(1, date(2020, 3, 2), status="rejected", decided=date(2020, 3, 5)),
        hire(2, date(2020, 3, 2), person="seeker:1", decided=date(2020, 3, 9)),
    ]
    data = metrics.compute(GOAL, Inputs(hires=rows), date(2020, 12, 31))
    assert (data["headline"]["people"], data["headline"]["jobs_filled"]) == (1, 1)
    # Before the second report was verified, nothing counted and it was waiting.
    before = metrics.compute(GOAL, Inputs(hires=rows), date(2020, 3, 8))
    assert before["headline"]["people"] == 0
    assert before["backlog"] == {"count": 1, "oldest_days": 6}


def test_only_verified_hires_started_by_the_day_count():
    rows = [
        hire(1, date(2020, 1, 10)),
        hire(2, date(2020, 1, 10), status="reported"),
        hire(3, date(2020, 1, 10), status="rejected"),
        hire(4, date(2020, 2, 1), decided=date(2020, 1, 20)),  # verified ahead of its start
    ]
    on_31 = metrics.compute(GOAL, Inputs(hires=rows), date(2020, 1, 31))
    assert on_31["headline"]["people"] == 1
    assert metrics.compute(GOAL, Inputs(hires=rows), date(2020, 2, 1))["headline"]["people"] == 2


def test_window_edges_are_inclusive():
    rows = [
        hire(1, date(2019, 12, 31)),
        hire(2, date(2020, 1, 1)),
        hire(3, date(2020, 12, 31)),
        hire(4, date(2021, 1, 1)),
    ]
    data = metrics.compute(GOAL, Inputs(hires=rows), date(2021, 6, 1))
    assert data["headline"]["people"] == 2


def test_percent_of_goal_and_time_pace_and_on_track():
    # 3 people by the end of March: 30% of the goal, 91 of 366 days (24.9%) of the time.
    rows = [hire(i, date(2020, m, 15)) for i, m in enumerate([1, 2, 3], start=1)]
    head = metrics.compute(GOAL, Inputs(hires=rows), date(2020, 3, 31))["headline"]
    assert head["percent_of_goal"] == 30.0
    assert head["percent_of_time"] == 24.9
    assert head["on_track_index"] == 1.21
    assert head["status"] == "on_track"
    assert head["pace"]["trailing_3"] == 1.0  # 3 people in the 3 months to March 31
    assert head["pace"]["trailing_6"] == 0.5
    # 7 people to go in 275 days (9.03 months): 0.8 a month.
    assert head["pace"]["required"] == 0.8
    # At the 6-month pace (0.5 a month) 7 more people take 14 months: after the goal's end.
    assert head["projected_on"] == "2021-05-31"
    assert head["projection_after_end"] is True


@pytest.mark.parametrize(("people", "status"), [(5, "on_track"), (4, "at_risk"), (3, "off_track")])
def test_on_track_rule(people, status):
    # Half-way through the window (2020-07-01 is day 183 of 366: 50.0%).
    rows = [hire(i, date(2020, 1, 10)) for i in range(1, people + 1)]
    head = metrics.compute(GOAL, Inputs(hires=rows), date(2020, 7, 1))["headline"]
    assert head["percent_of_time"] == 50.0
    assert head["status"] == status


def test_a_finished_goal_shows_the_final_result_and_the_day_the_target_was_reached():
    rows = [hire(i, date(2020, i, 1)) for i in range(1, 12)]  # 11 people, Jan..Nov
    head = metrics.compute(GOAL, Inputs(hires=rows), date(2026, 12, 6))["headline"]
    assert head["status"] == "reached"
    assert head["finished"] is True
    assert head["final_people"] == 11
    assert head["reached_on"] == "2020-10-01"  # the tenth person
    assert head["projected_on"] is None
    assert head["percent_of_time"] == 100.0
    missed = metrics.compute(GOAL, Inputs(hires=rows[:4]), date(2021, 1, 1))["headline"]
    assert missed["status"] == "missed"
    assert missed["reached_on"] is None


def test_cumulative_months_with_the_straight_pace_line():
    rows = [hire(1, date(2020, 1, 5)), hire(2, date(2020, 3, 5))]
    months = metrics.compute(GOAL, Inputs(hires=rows), date(2020, 3, 31))["months"]
    assert [m["month"] for m in months] == ["2020-01", "2020-02", "2020-03"]
    assert [m["people"] for m in months] == [1, 1, 2]
    # 10 people over 366 days: 31 days in, 0.8; 60 days in, 1.6; 91 days in, 2.5.
    assert [m["pace_line"] for m in months] == [0.8, 1.6, 2.5]


def test_pledges_are_beside_progress_never_added():
    inputs = Inputs(
        hires=[hire(1, date(2020, 2, 1), pledge_id=7), hire(2, date(2020, 2, 1), employer_id=2)],
        pledges=[
            PledgeRow(
                id=7, employer_id=1, hires=4, made_on=date(2019, 6, 1), by_date=date(2020, 12, 31)
            ),
            PledgeRow(
                id=8, employer_id=2, hires=2, made_on=date(2020, 1, 1), by_date=date(2020, 6, 30)
            ),
            PledgeRow(
                id=9, employer_id=2, hires=5, made_on=date(2018, 1, 1), by_date=date(2019, 1, 1)
            ),  # ended before the goal began
        ],
        employers={1: "Sun City Software", 2: "Franklin Mountain Health IT"},
    )
    data = metrics.compute(GOAL, inputs, date(2020, 12, 31))
    assert data["headline"]["people"] == 2
    assert data["pledges"]["pledged"] == 6
    assert data["pledges"]["filled"] == 1
    rows = {r["name"]: r for r in data["pledges"]["employers"]}
    assert rows["Sun City Software"]["percent"] == 25.0
    assert rows["Franklin Mountain Health IT"]["filled"] == 0


def test_focus_populations_never_guess_and_show_not_disclosed():
    inputs = Inputs(
        hires=[
            hire(1, date(2020, 5, 1)),
            hire(2, date(2020, 5, 1)),
            hire(3, date(2020, 5, 1), person="email:x@y.example", seeker_id=None),
        ],
        demographics={
            1: Demographic(veteran="yes", birth_year=1995, sex="female", education="bachelor"),
            2: Demographic(veteran="prefer_not", birth_year=1990, sex="prefer_not"),
            4: Demographic(veteran="yes"),
        },
        registrants=[Registrant(seeker_id=i, joined_on=date(2019, 1, 1)) for i in (1, 2, 4, 5)],
    )
    rows = {
        r["key"]: r
        for r in metrics.compute(GOAL, inputs, date(2020, 12, 31))["populations"]["rows"]
    }
    assert rows["veteran"] == {
        "key": "veteran",
        "people": 1,
        "not_in": 0,
        "not_disclosed": 2,  # said "prefer not", and the external hire we know nothing about
        "share_percent": 33.3,
        "registrants": 2,
        "registrants_not_disclosed": 2,
        "hired_registrants": 1,
        "hire_rate_percent": 50.0,
    }
    assert rows["young"]["people"] == 1  # 2020 − 1995 = 25; 2020 − 1990 = 30 is not
    assert rows["young"]["not_in"] == 1
    assert rows["women"]["people"] == 1
    assert rows["women"]["not_disclosed"] == 2
    assert rows["no_degree"]["not_in"] == 1  # a bachelor's degree
    assert rows["no_degree"]["not_disclosed"] == 2


def test_funnel_counts_people_at_each_stage():
    inputs = Inputs(
        hires=[hire(1, date(2020, 5, 1))],
        registrants=[
            Registrant(1, date(2020, 1, 1), True, date(2020, 2, 1), date(2020, 3, 1)),
            Registrant(2, date(2020, 1, 1), True, date(2020, 2, 1)),
            Registrant(3, date(2020, 1, 1)),
            Registrant(4, date(2021, 1, 1)),  # registered after the day
        ],
    )
    funnel = metrics.compute(GOAL, inputs, date(2020, 12, 31))["funnel"]
    assert [(f["stage"], f["people"]) for f in funnel] == [
        ("registered", 3),
        ("profile_complete", 2),
        ("engaged", 2),
        ("completed_training", 1),
        ("hired", 1),
    ]
    assert funnel[-1]["percent"] == 33.3


def test_placements_from_training():
    inputs = Inputs(
        hires=[hire(1, date(2020, 5, 1)), hire(2, date(2020, 5, 1)), hire(3, date(2020, 5, 1))],
        completions=[
            metrics.Completion(program_id=9, seeker_id=1, completed_on=date(2020, 4, 1)),
            metrics.Completion(program_id=9, seeker_id=2, completed_on=date(2020, 6, 1)),  # after
            metrics.Completion(program_id=9, seeker_id=5, completed_on=date(2020, 4, 1)),
        ],
        enrollments_by_program={9: 6},
        programs={9: ("Python Evenings", "Borderland College")},
    )
    programs = metrics.compute(GOAL, inputs, date(2020, 12, 31))["programs"]
    assert programs["people_from_training"] == 1
    assert programs["training_related_percent"] == 33.3
    (row,) = programs["rows"]
    assert (row["enrolled"], row["completers"], row["placed"]) == (6, 3, 1)
    assert (row["completion_percent"], row["placement_percent"]) == (50.0, 33.3)


def test_before_the_goal_starts_nothing_counts():
    data = metrics.compute(GOAL, Inputs(hires=[hire(1, date(2020, 1, 1))]), date(2019, 12, 1))
    assert data["headline"]["status"] == "not_started"
    assert data["months"] == []
    assert data["headline"]["projected_on"] is None
