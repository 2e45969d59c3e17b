"""Recomputing after hire verifications: debounced with Redis, after commit without it.

The worker test uses a real Celery worker on a real Redis (tests/notifications/conftest.py).
"""

import time
from datetime import date

import pytest
import redis
from django.db import transaction
from django.utils import timezone

from apps.core.events import send_on_commit
from apps.employers.models import Hire, HireStatus
from apps.employers.signals import hire_decided
from apps.goals import services
from apps.goals.models import GoalSnapshot
from apps.goals.snapshots import REFRESH_KEY
from tests.factories import OrganizationFactory

from .builders import hire, reboot_goal


def verify(row: Hire) -> None:
    """What employers' verification does: the change, then the event after commit."""
    with transaction.atomic():
        Hire.objects.filter(pk=row.pk).update(status=HireStatus.VERIFIED, decided_at=timezone.now())
        send_on_commit(
            hire_decided,
            sender=Hire,
            hire_id=row.pk,
            status="verified",
            employer_id=row.employer_id,
        )


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.mark.django_db
def test_without_redis_a_verification_recomputes_after_commit(django_capture_on_commit_callbacks):
    goal = reboot_goal()
    row = hire(OrganizationFactory(), date(2019, 6, 1), status=HireStatus.REPORTED)
    with django_capture_on_commit_callbacks(execute=True):
        verify(row)
    assert GoalSnapshot.objects.get(goal=goal, day=timezone.localdate()).jobs_filled == 1


@pytest.mark.django_db
def test_a_rolled_back_verification_schedules_nothing(django_capture_on_commit_callbacks):
    goal = reboot_goal()
    row = hire(OrganizationFactory(), date(2019, 6, 1), status=HireStatus.REPORTED)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_on_commit(hire_decided, sender=Hire, hire_id=row.pk, status="verified", employer_id=1)
        raise RuntimeError("rolled back")
    assert not GoalSnapshot.objects.filter(goal=goal).exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_burst_of_50_verifications_triggers_one_recompute(start_worker, worker_broker, settings):
    settings.GOALS_REFRESH_DELAY_SECONDS = 4
    client = redis.Redis.from_url(worker_broker)
    goal = reboot_goal()
    employer = OrganizationFactory(name="Burst Employer")
    rows = [hire(employer, date(2019, 6, 1), status=HireStatus.REPORTED) for _ in range(50)]
    start_worker()

    began = time.monotonic()
    for row in rows:
        verify(row)
    assert time.monotonic() - began < settings.GOALS_REFRESH_DELAY_SECONDS
    assert client.exists(REFRESH_KEY)  # scheduled once, the other 49 saw the key

    today = timezone.localdate()
    snapshot = wait_for(
        lambda: GoalSnapshot.objects.filter(goal=goal, day=today).first(),
        timeout=30,
        what="the recompute",
    )
    assert snapshot.jobs_filled == 50  # every verification of the burst is in it
    assert not client.exists(REFRESH_KEY)
    time.sleep(settings.GOALS_REFRESH_DELAY_SECONDS + 2)
    snapshot.refresh_from_db()
    assert snapshot.revision == 1  # one recompute for the whole burst

    # A verification after the run schedules the next one: nothing is lost.
    verify(hire(employer, date(2019, 7, 1), status=HireStatus.REPORTED))
    wait_for(
        lambda: GoalSnapshot.objects.get(pk=snapshot.pk).revision == 2,
        timeout=30,
        what="the second recompute",
    )
    snapshot.refresh_from_db()
    assert snapshot.jobs_filled == 51


@pytest.mark.django_db
def test_schedule_refresh_sets_the_key_once(worker_broker, settings):
    settings.GOALS_REFRESH_DELAY_SECONDS = 60
    scheduled = [services.schedule_refresh() for _ in range(50)]
    assert scheduled.count(True) == 1
    ttl = redis.Redis.from_url(worker_broker).ttl(REFRESH_KEY)
    assert 60 < ttl <= 360
