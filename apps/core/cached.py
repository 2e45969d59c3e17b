"""Values computed off the request path: read from the cache, recomputed by a task that a
burst of domain events schedules once.

A page reads the value with `read_through` (computing it only when the cache has none: a
cold start). Events call `schedule_once`: the first one in a burst sets a flag with an
atomic add and enqueues the task with a countdown; the others find the flag and do
nothing. The task clears the flag before it computes, so an event during the computation
schedules the next run. Eagerly run tasks (no broker) run at once.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache


def read_through(key: str, compute: Callable[[], Any], timeout: int | None = None) -> Any:
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def schedule_once(flag: str, task, *, countdown: int) -> bool:
    """Enqueue `task` in `countdown` seconds unless a run is already waiting; whether this
    call enqueued it. The flag outlives the countdown in case the task starts late."""
    if not cache.add(flag, 1, countdown + 300):
        return False
    task.apply_async(countdown=countdown)
    return True


def clear_schedule(flag: str) -> None:
    cache.delete(flag)
