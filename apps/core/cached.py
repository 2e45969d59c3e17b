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


def _stamp_kept(key: str, value: dict) -> dict:
    cache.set(f"{key}:stamp", value.get("stamp", 0), None)
    return value


def keep_stamped(key: str, value: dict) -> dict:
    """Store a computed value that carries a `stamp` (when it was computed), and the stamp
    alone beside it, so that what is keyed by the value (cached HTML built from it) can be
    checked without reading the value."""
    cache.set(key, _stamp_kept(key, value), None)
    return value


def read_stamped(key: str, compute: Callable[[], dict]) -> dict:
    """`read_through` for a value kept by `keep_stamped`."""
    return read_through(key, lambda: _stamp_kept(key, compute()))


def stamp_of(key: str, compute: Callable[[], dict]) -> int:
    """The stamp of a value kept by `keep_stamped`, computing the value only if neither is
    in the cache."""
    stamp = cache.get(f"{key}:stamp")
    return stamp if stamp is not None else read_stamped(key, compute).get("stamp", 0)


def schedule_once(flag: str, task, *, countdown: int) -> bool:
    """Enqueue `task` in `countdown` seconds unless a run is already waiting; whether this
    call enqueued it. The flag outlives the countdown in case the task starts late."""
    if not cache.add(flag, 1, countdown + 300):
        return False
    task.apply_async(countdown=countdown)
    return True


def clear_schedule(flag: str) -> None:
    cache.delete(flag)
