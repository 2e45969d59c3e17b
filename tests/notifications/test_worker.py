"""The outbox with real Celery workers on real Redis, sending to a real SMTP server.

Each notification must reach the SMTP server exactly once: not lost and not duplicated,
even when a worker is SIGKILLed in the middle of an SMTP transaction. Conftest.py has the
sink, the broker and the worker processes.
"""

import bisect
import time
from collections import Counter

import pytest
import redis
from django.db import transaction

from apps.accounts.models import User
from apps.notifications import delivery
from apps.notifications.models import Notification, Status
from apps.notifications.services import Message, notify, notify_many
from apps.notifications.tasks import deliver, sweep

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

INVITATION = {
    "inviter_name": "Dan Ortiz",
    "organization_name": "Sun City Software",
    "url": "/invitations/abc/",
    "expires_on": "2026-12-31",
}


def people(count: int, prefix: str) -> list[User]:
    users = []
    for i in range(count):
        user = User(email=f"{prefix}{i}@people.example", preferred_language=("en", "es")[i % 2])
        user.set_unusable_password()
        users.append(user)
    return User.objects.bulk_create(users)


def invite(addresses: range, prefix: str) -> None:
    for i in addresses:
        notify(
            email=f"{prefix}{i}@people.example",
            language=("en", "es")[i % 2],
            kind="invitation",
            context=INVITATION,
            dedupe_key=f"{prefix}-{i}",
        )


def fan_out(users: list[User], prefix: str) -> None:
    notify_many([Message(user, "invitation", f"{prefix}-{user.pk}", INVITATION) for user in users])


def queue_is_drained(broker_url: str, queue: str = "celery") -> bool:
    """No message waiting in the queue and none taken but not yet acknowledged."""
    client = redis.Redis.from_url(broker_url)
    return client.llen(queue) == 0 and client.hlen("unacked") == 0


def statuses() -> Counter:
    return Counter(Notification.objects.values_list("status", flat=True))


def wait_until(condition, *, timeout: float, interval: float = 0.2, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}; rows: {statuses()}")


def all_sent(total: int):
    def check() -> bool:
        seen = statuses()
        assert not seen[Status.FAILED], Notification.objects.filter(status=Status.FAILED).first()
        return seen[Status.SENT] == total

    return check


def test_a_thousand_notifications_are_delivered_exactly_once(
    start_worker, holding_sink, worker_broker, settings
):
    start_worker()
    with transaction.atomic():
        # One task per notify() call, and batches of 100 from the fan-out path.
        invite(range(600), prefix="invitee")
        fan_out(people(400, prefix="seeker"), prefix="fan-out")
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert len(ids) == 1000

    wait_until(all_sent(1000), timeout=120, what="1,000 notifications to be sent")

    accepted, held = holding_sink.snapshot()
    assert accepted == Counter(dict.fromkeys(ids, 1))
    assert held == []
    assert set(Notification.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}

    # Delivering them all again, through the worker and in this process, sends nothing.
    for start in range(0, len(ids), 100):
        deliver.delay(ids[start : start + 100])
    drained = 0

    def drained_three_times() -> bool:
        nonlocal drained
        drained = drained + 1 if queue_is_drained(worker_broker) else 0
        return drained >= 3

    wait_until(drained_three_times, timeout=30, what="the second delivery to finish")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", holding_sink.port
    assert delivery.deliver_notifications(ids) == []

    assert holding_sink.snapshot() == (accepted, [])
    assert set(Notification.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


def test_a_worker_killed_mid_delivery_loses_and_duplicates_nothing(
    start_worker, holding_sink, worker_broker
):
    with transaction.atomic():
        fan_out(people(20, prefix="seeker"), prefix="fan-out")  # one task, 20 claimed rows
        invite(range(10), prefix="invitee")  # ten tasks of one row each
    ids = set(Notification.objects.values_list("pk", flat=True))
    assert len(ids) == 30

    # Both of the worker's pool processes get stuck waiting for the reply to DATA.
    holding_sink.hold()
    first = start_worker(concurrency=2)
    wait_until(lambda: len(holding_sink.snapshot()[1]) == 2, timeout=30, what="two held messages")
    first.kill()
    in_flight = set(holding_sink.snapshot()[1])
    at_kill = dict(Notification.objects.values_list("pk", "status"))
    claimed = {pk for pk, status in at_kill.items() if status == Status.SENDING}
    assert in_flight <= claimed and len(in_flight) == 2
    assert Status.SENT not in at_kill.values(), "the sink accepted nothing while held"
    assert holding_sink.snapshot()[0] == Counter()

    holding_sink.release()
    start_worker(concurrency=2)

    # The worker takes the queued tasks; the sweep gives the dead worker's claims, once
    # their 3 s lease ran out, to the new one.
    def swept_and_all_sent() -> bool:
        sweep()
        return all_sent(30)()

    wait_until(swept_and_all_sent, timeout=60, interval=1, what="every row to be sent")

    accepted, _held = holding_sink.snapshot()
    assert accepted == Counter(dict.fromkeys(ids, 1))
    attempts = dict(Notification.objects.values_list("pk", "attempts"))
    # Rows the killed worker had claimed were tried twice; the others once.
    assert {pk: n for pk, n in attempts.items() if pk in claimed} == dict.fromkeys(claimed, 2)
    assert {pk: n for pk, n in attempts.items() if pk not in claimed} == dict.fromkeys(
        ids - claimed, 1
    )


def test_a_throttling_relay_gets_each_message_once_and_none_fails(
    start_worker, holding_sink, worker_broker
):
    start_worker(concurrency=2, NOTIFICATION_THROTTLE_PAUSE="1")
    holding_sink.throttle(2.5)
    with transaction.atomic():
        invite(range(30), prefix="invitee")  # thirty tasks, taken by both pool processes
        fan_out(people(30, prefix="seeker"), prefix="fan-out")  # one task of thirty
    ids = set(Notification.objects.values_list("pk", flat=True))

    def swept_and_all_sent() -> bool:
        sweep()
        return all_sent(60)()

    wait_until(swept_and_all_sent, timeout=60, interval=1, what="every row to be sent")
    accepted, _held = holding_sink.snapshot()
    assert accepted == Counter(dict.fromkeys(ids, 1))
    # 451 at MAIL, 452 at RCPT and 421 at DATA were all met, and each paused both
    # processes for a second instead of being tried again at once.
    assert set(holding_sink.throttled) == {"MAIL", "RCPT", "DATA"}
    assert sum(holding_sink.throttled.values()) <= 15
    # Throttled tries count no attempt: every row went out on its first counted one.
    assert set(Notification.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


def test_the_send_rate_cap_holds_across_pool_processes(start_worker, holding_sink):
    start_worker(concurrency=2, NOTIFICATION_MAX_RATE="20")
    with transaction.atomic():
        invite(range(100), prefix="invitee")  # a hundred tasks over two pool processes
    wait_until(all_sent(100), timeout=60, what="100 notifications to be sent")
    times = sorted(holding_sink.accepted_at)
    assert len(times) == 100
    # 99 intervals of 50 ms at least (a little less for the network's jitter)...
    assert times[-1] - times[0] >= 4.7
    # ...and never more than the cap in any second.
    assert max(bisect.bisect_right(times, t + 1) - i for i, t in enumerate(times)) <= 21
