"""The send-rate schedule: shared through a real Redis by every process, or in-process."""

import os
import threading
import time

import pytest
import redis

from apps.notifications import checks, sendrate
from tests.notifications.conftest import _worker_broker_url


@pytest.fixture
def redis_url():
    url = os.environ.get("WORKER_TEST_REDIS_URL") or _worker_broker_url()
    redis.Redis.from_url(url).delete(sendrate.KEY)
    yield url
    redis.Redis.from_url(url).delete(sendrate.KEY)


def slot_times(schedules, per_schedule: int) -> list[float]:
    """Each schedule (a process of its own, in effect) reserves from a thread of its own."""
    times, lock = [], threading.Lock()

    def reserve(schedule):
        for _ in range(per_schedule):
            slot = schedule.reserve(max_wait=60)
            assert slot.granted
            with lock:
                times.append(time.time() + slot.wait)

    threads = [threading.Thread(target=reserve, args=(s,)) for s in schedules]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(times)


def test_processes_sharing_redis_never_take_the_same_slot(redis_url, settings):
    settings.NOTIFICATION_MAX_RATE = 50
    times = slot_times([sendrate.RedisSchedule(redis_url) for _ in range(4)], per_schedule=10)
    assert len(times) == 40
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    # 20 ms apart, give or take the milliseconds between Redis' clock and ours under load:
    # two processes given the same slot would be 0 ms apart.
    assert min(gaps) > 0.008
    assert times[-1] - times[0] >= 39 * 0.02 - 0.02


def test_the_in_process_schedule_spaces_slots_too(settings):
    settings.NOTIFICATION_MAX_RATE = 50
    schedule = sendrate.LocalSchedule()
    times = slot_times([schedule, schedule], per_schedule=10)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) > 0.008
    assert times[-1] - times[0] >= 19 * 0.02 - 0.02


@pytest.mark.parametrize("shared", [True, False], ids=["redis", "in-process"])
def test_a_pause_holds_back_everyone_and_a_slot_too_far_is_not_taken(redis_url, settings, shared):
    settings.NOTIFICATION_MAX_RATE = 0  # no cap: only the pause holds messages back
    if shared:
        first, second = sendrate.RedisSchedule(redis_url), sendrate.RedisSchedule(redis_url)
    else:
        first = second = sendrate.LocalSchedule()
    assert first.reserve(max_wait=0) == (True, 0)
    first.pause(2)
    slot = second.reserve(max_wait=1)
    assert not slot.granted and 1.5 < slot.wait <= 2
    # Refused slots take nothing: the pause is not lengthened by asking.
    assert second.reserve(max_wait=1).wait <= slot.wait
    later = second.reserve(max_wait=5)
    assert later.granted and 1.5 < later.wait <= 2
    # A shorter pause never shortens a longer one.
    first.pause(1)
    assert second.reserve(max_wait=0).wait > 1.4


def test_without_a_worker_the_schedule_is_the_processs(settings, redis_url):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert isinstance(sendrate.schedule(), sendrate.LocalSchedule)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REDIS_URL = redis_url
    assert isinstance(sendrate.schedule(), sendrate.RedisSchedule)
    settings.REDIS_URL = ""
    assert isinstance(sendrate.schedule(), sendrate.LocalSchedule)


def test_a_negative_rate_or_pause_is_a_configuration_error(settings):
    assert checks.send_rate_is_a_rate() == []
    settings.NOTIFICATION_MAX_RATE = -1
    assert [e.id for e in checks.send_rate_is_a_rate()] == ["notifications.E002"]
    settings.NOTIFICATION_MAX_RATE, settings.NOTIFICATION_THROTTLE_PAUSE = 0, -5
    assert [e.id for e in checks.send_rate_is_a_rate()] == ["notifications.E002"]
