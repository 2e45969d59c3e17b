"""How fast email may leave: the configured cap, and the pauses a relay asks for.

`NOTIFICATION_MAX_RATE` (messages per second, 0 = no cap) holds for every worker process
together. They share one value: the time at which the next message may go. Sending a
message reserves that slot and moves the time on by 1/rate, in a WATCH/MULTI transaction
(redis-py's `Redis.transaction`), so two processes never take the same slot; the clock is
Redis' own (`TIME`), so workers on several machines agree. When a relay answers with a
throttling reply, `pause()` moves the time forward for everyone.

Without a worker (tasks run eagerly, or there is no Redis) the same schedule lives in the
process.
"""

import threading
import time
from typing import NamedTuple

import redis
from django.conf import settings

KEY = "techhire:notifications:next-send"


class Slot(NamedTuple):
    granted: bool  # False: the slot is further away than the caller may wait; nothing taken
    wait: float  # seconds until the slot


def interval() -> float:
    """Seconds between two messages under the cap; 0 without one."""
    rate = settings.NOTIFICATION_MAX_RATE
    return 1 / rate if rate > 0 else 0.0


def _take(now: float, next_at: float, step: float, max_wait: float) -> tuple[Slot, float | None]:
    """The slot a message gets, and the new next-send time (None: unchanged)."""
    start = max(next_at, now)
    wait = start - now
    if wait > max_wait:
        return Slot(False, wait), None
    return Slot(True, wait), (start + step if step else None)


class LocalSchedule:
    """The schedule of one process (eager tasks, no Redis)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._next_at = 0.0

    def reserve(self, *, max_wait: float) -> Slot:
        with self._lock:
            slot, next_at = _take(time.time(), self._next_at, interval(), max_wait)
            if next_at is not None:
                self._next_at = next_at
            return slot

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._next_at = max(self._next_at, time.time() + seconds)

    def reset(self) -> None:
        with self._lock:
            self._next_at = 0.0


class RedisSchedule:
    """The schedule every worker shares, in Redis."""

    def __init__(self, url: str):
        self.client = redis.Redis.from_url(url)

    @staticmethod
    def _read(pipe) -> tuple[float, float]:
        seconds, microseconds = pipe.time()
        return seconds + microseconds / 1e6, float(pipe.get(KEY) or 0)

    @staticmethod
    def _write(pipe, value: float, now: float) -> None:
        pipe.multi()
        # The key outlives its moment by a minute; an expired one means "send now".
        pipe.set(KEY, repr(value), px=int((value - now) * 1000) + 60_000)

    def reserve(self, *, max_wait: float) -> Slot:
        step = interval()
        if not step:  # no cap: only a pause can hold a message back, and reading is enough
            pipe = self.client.pipeline(transaction=False)
            (seconds, microseconds), next_at = pipe.time().get(KEY).execute()
            return _take(seconds + microseconds / 1e6, float(next_at or 0), 0, max_wait)[0]

        def take(pipe) -> Slot:
            now, next_at = self._read(pipe)
            slot, new_next_at = _take(now, next_at, step, max_wait)
            if new_next_at is not None:
                self._write(pipe, new_next_at, now)
            return slot

        return self.client.transaction(take, KEY, value_from_callable=True)

    def pause(self, seconds: float) -> None:
        def push(pipe) -> None:
            now, next_at = self._read(pipe)
            if now + seconds > next_at:
                self._write(pipe, now + seconds, now)

        self.client.transaction(push, KEY)

    def reset(self) -> None:
        self.client.delete(KEY)


_schedules: dict[str, LocalSchedule | RedisSchedule] = {}


def schedule() -> LocalSchedule | RedisSchedule:
    """The shared schedule when tasks go to workers through Redis, else this process'."""
    url = settings.REDIS_URL if not settings.CELERY_TASK_ALWAYS_EAGER else ""
    if url not in _schedules:
        _schedules[url] = RedisSchedule(url) if url else LocalSchedule()
    return _schedules[url]


def reserve(*, max_wait: float) -> Slot:
    """Take the next sending slot if it is at most `max_wait` seconds away."""
    return schedule().reserve(max_wait=max_wait)


def pause(seconds: float) -> None:
    """Hold every sender back for `seconds` (a relay asked us to slow down)."""
    schedule().pause(seconds)
