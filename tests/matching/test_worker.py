"""The fan-out on a real Celery worker: two concurrent runs for one job (a re-publish, a
retry) create each match once, and each instant alert reaches the SMTP server once."""

from collections import Counter

import pytest

from apps.matching import tasks
from apps.notifications.models import Notification, Preference, Status
from tests.factories.employers import JobFactory
from tests.notifications.conftest import holding_sink, start_worker, worker_broker  # noqa: F401
from tests.notifications.test_worker import queue_is_drained, wait_until

from .helpers import seeker_with

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_fan_outs_alert_each_seeker_once(
    start_worker,  # noqa: F811
    holding_sink,  # noqa: F811
    worker_broker,  # noqa: F811
):
    job = JobFactory(required_skills=["python", "git", "sql"])
    matching = [
        seeker_with(["python", "git", "sql"], email=f"m{i}@people.example") for i in range(30)
    ]
    for profile in matching[:20]:
        Preference.objects.create(user=profile.user, category="job_matches", frequency="instant")
    seeker_with(["java"], email="nomatch@people.example")
    start_worker(concurrency=2)
    # Two runs at once (both pool processes), then a late retry.
    tasks.fan_out_job.delay(job.pk)
    tasks.fan_out_job.delay(job.pk)

    def sent() -> bool:
        return Counter(Notification.objects.values_list("status", flat=True))[Status.SENT] == 20

    wait_until(sent, timeout=90, what="20 instant match alerts to be sent")
    tasks.fan_out_job.delay(job.pk)
    drained = 0

    def drained_three_times() -> bool:
        nonlocal drained
        drained = drained + 1 if queue_is_drained(worker_broker) else 0
        return drained >= 3

    wait_until(drained_three_times, timeout=30, what="the retry to finish")
    rows = Notification.objects.filter(kind="job_match")
    assert rows.count() == 30
    assert {n.recipient_id for n in rows} == {p.user_id for p in matching}
    assert Counter(rows.values_list("status", flat=True)) == {Status.SENT: 20, Status.DIGEST: 10}
    accepted, held = holding_sink.snapshot()
    instant = set(rows.filter(status=Status.SENT).values_list("pk", flat=True))
    assert accepted == Counter(dict.fromkeys(instant, 1))
    assert held == []
