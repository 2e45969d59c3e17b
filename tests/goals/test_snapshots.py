"""Snapshots from real rows: the counting rule at its edges, upsert, and the back-fill."""

import importlib
import io
from datetime import UTC, date, time, timedelta

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from apps.employers.models import HireStatus
from apps.goals import snapshots
from apps.goals.models import Goal, GoalSnapshot
from tests.factories import OrganizationFactory, UserFactory

from .builders import NOT_TECH, denver, hire, reboot_goal, small_goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer():
    return OrganizationFactory(name="Sun City Software")


def test_the_migration_seeds_reboot_el_paso():
    # A transactional test elsewhere may have flushed the migrated row: run the migration's
    # function again (it is idempotent) rather than trusting the reused database.
    migration = importlib.import_module("apps.goals.migrations.0002_reboot_el_paso")
    migration.seed(django_apps, None)
    migration.seed(django_apps, None)
    goal = Goal.objects.get(name="Reboot El Paso")
    assert (goal.target, goal.start, goal.end) == (400, date(2016, 12, 1), date(2020, 12, 31))
    assert goal.counting_rule_en and goal.counting_rule_es


def test_window_edges_and_the_counting_rule(employer):
    goal = reboot_goal()
    hire(employer, date(2016, 11, 30))  # the day before the window
    hire(employer, date(2016, 12, 1))  # first day
    hire(employer, date(2020, 12, 31))  # last day
    hire(employer, date(2021, 1, 1))  # the day after
    hire(employer, date(2018, 5, 1), soc=NOT_TECH)  # not a tech occupation
    hire(employer, date(2018, 5, 1), status=HireStatus.REPORTED)  # waiting
    hire(employer, date(2018, 5, 1), status=HireStatus.REJECTED)
    snapshot = snapshots.refresh_snapshot(goal=goal, day=date(2026, 12, 6))
    assert (snapshot.people, snapshot.jobs_filled, snapshot.backlog) == (2, 2, 1)
    assert snapshot.status == "missed"


def test_verified_at_midnight_in_el_paso_counts_on_that_day_only(employer):
    """Verified at 23:59:59 America/Denver on March 10 counts on the 10th; at 00:00:00 on
    the 11th, only from the 11th. In UTC both moments fall on March 11 (05:59:59 and 06:00)."""
    goal = small_goal()
    reported = denver(date(2020, 3, 2))
    late = denver(date(2020, 3, 10), time(23, 59, 59))
    hire(employer, date(2020, 3, 1), decided_at=late, reported_at=reported)
    midnight = denver(date(2020, 3, 11), time(0, 0))
    hire(employer, date(2020, 3, 1), decided_at=midnight, reported_at=reported)
    assert late.astimezone(UTC).date() == date(2020, 3, 11)
    on_10 = snapshots.refresh_snapshot(goal=goal, day=date(2020, 3, 10))
    on_11 = snapshots.refresh_snapshot(goal=goal, day=date(2020, 3, 11))
    assert (on_10.people, on_11.people) == (1, 2)
    assert on_10.backlog == 1  # the other one was still waiting at the end of the 10th
    assert on_10.data["backlog"]["oldest_days"] == 8


def test_rejected_then_reported_again_counts_once(employer):
    goal = small_goal()
    person = UserFactory()
    hire(employer, date(2020, 4, 1), seeker=person, status=HireStatus.REJECTED)
    hire(employer, date(2020, 4, 1), seeker=person)
    snapshot = snapshots.refresh_snapshot(goal=goal, day=date(2020, 12, 31))
    assert (snapshot.people, snapshot.jobs_filled) == (1, 1)


def test_an_external_person_is_known_by_the_lowercased_email(employer):
    goal = small_goal()
    hire(employer, date(2020, 4, 1), email="Ana@Example.com", status=HireStatus.REJECTED)
    hire(employer, date(2020, 4, 2), email="ana@example.com")
    snapshot = snapshots.refresh_snapshot(goal=goal, day=date(2020, 12, 31))
    assert snapshot.people == 1


def test_recomputing_a_day_replaces_its_row(employer):
    goal = small_goal()
    hire(employer, date(2020, 4, 1))
    first = snapshots.refresh_snapshot(goal=goal, day=date(2020, 6, 1))
    hire(employer, date(2020, 5, 1))
    again = snapshots.refresh_snapshot(goal=goal, day=date(2020, 6, 1))
    assert GoalSnapshot.objects.filter(goal=goal).count() == 1
    assert (first.pk, first.people, first.revision) == (again.pk, 1, 1)
    assert (again.people, again.revision) == (2, 2)
    with pytest.raises(IntegrityError):
        GoalSnapshot.objects.create(
            goal=goal,
            day=date(2020, 6, 1),
            people=0,
            jobs_filled=0,
            percent_of_goal=0,
            percent_of_time=0,
            status="x",
            computed_at=timezone.now(),
        )


def test_backfill_writes_one_row_per_day_and_can_run_again(employer):
    goal = small_goal()
    hire(employer, date(2020, 1, 5))
    hire(employer, date(2020, 1, 20))
    out = io.StringIO()
    call_command(
        "backfill_goal",
        goal.pk,
        "--from",
        "2020-01-01",
        "--to",
        "2020-01-31",
        stdout=out,
    )
    call_command(
        "backfill_goal",
        goal.pk,
        "--from",
        "2020-01-01",
        "--to",
        "2020-01-31",
        stdout=out,
    )
    assert "31/31" in out.getvalue()  # the progress bar's last state
    days = dict(GoalSnapshot.objects.filter(goal=goal).values_list("day", "people"))
    assert len(days) == 31
    assert days[date(2020, 1, 4)] == 0
    assert days[date(2020, 1, 5)] == 1
    assert days[date(2020, 1, 31)] == 2


def test_backfill_never_writes_the_future(employer):
    today = timezone.localdate()
    goal = small_goal(start=today - timedelta(days=3), end=today + timedelta(days=300))
    assert snapshots.backfill(goal=goal) == 4
    assert GoalSnapshot.objects.filter(goal=goal).latest("day").day == today
