"""Computing and storing goal snapshots (called by the tasks and the back-fill command)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import redis
from celery import current_app
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import metrics
from .models import Goal, GoalSnapshot
from .selectors import facts, load_inputs

REFRESH_KEY = "goals:refresh-scheduled"


def _columns(data: dict) -> dict:
    head = data["headline"]
    return {
        "people": head["people"],
        "jobs_filled": head["jobs_filled"],
        "percent_of_goal": head["percent_of_goal"],
        "percent_of_time": head["percent_of_time"],
        "status": head["status"],
        "projected_on": head["projected_on"],
        "reached_on": head["reached_on"],
        "pledged": data["pledges"]["pledged"],
        "pledge_filled": data["pledges"]["filled"],
        "backlog": data["backlog"]["count"],
        "data": data,
        "computed_at": timezone.now(),
    }


def latest_snapshot_cache_key(goal_id: int) -> str:
    """Where the public feed remembers a goal's latest snapshot (views.py); _store forgets."""
    return f"goals:latest-snapshot:{goal_id}"


def _store(goal: Goal, day: date, data: dict) -> GoalSnapshot:
    """Upsert the day's row: the unique (goal, day) settles concurrent writers."""
    # Forget now and again after commit (a reader may cache the old row in between).
    cache.delete(latest_snapshot_cache_key(goal.pk))
    transaction.on_commit(lambda: cache.delete(latest_snapshot_cache_key(goal.pk)))
    columns = _columns(data)
    snapshot, _created = GoalSnapshot.objects.update_or_create(
        goal=goal,
        day=day,
        defaults={**columns, "revision": F("revision") + 1},
        create_defaults={**columns, "revision": 1},
    )
    return snapshot


def refresh_snapshot(*, goal: Goal, day: date | None = None) -> GoalSnapshot:
    """Compute the goal's numbers as of the end of `day` (today) and store them."""
    day = day or timezone.localdate()
    data = metrics.compute(facts(goal), load_inputs(goal), day)
    snapshot = _store(goal, day, data)
    snapshot.refresh_from_db(fields=["revision"])
    return snapshot


def backfill(
    *,
    goal: Goal,
    first: date | None = None,
    last: date | None = None,
    days: list[date] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Snapshots for every day from `first` (default: the goal's start) to `last` (default
    and at most: today), or for the given `days`. Reads the rows once and computes each day
    from them; writes in batches of a hundred days. Returns the number of days written;
    `progress(done, total)` is called after each day."""
    today = timezone.localdate()
    if days is None:
        first = first or goal.start
        last = min(last or today, today)
        days = [first + timedelta(days=i) for i in range(max(0, (last - first).days + 1))]
    days = [day for day in days if day <= today]
    goal_facts, inputs = facts(goal), load_inputs(goal)
    for start in range(0, len(days), 100):
        with transaction.atomic():
            for i, day in enumerate(days[start : start + 100], start=start):
                _store(goal, day, metrics.compute(goal_facts, inputs, day))
                if progress:
                    progress(i + 1, len(days))
    return len(days)


def refresh_all(day: date | None = None) -> int:
    """Today's snapshot of every goal that has started. Returns how many."""
    day = day or timezone.localdate()
    count = 0
    for goal in Goal.objects.filter(start__lte=day):
        refresh_snapshot(goal=goal, day=day)
        count += 1
    return count


def broker_redis():
    """The broker's Redis, shared by every web process and worker (None when eager)."""
    url = current_app.conf.broker_url or ""
    if current_app.conf.task_always_eager or not url.startswith(("redis://", "rediss://")):
        return None
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


def clear_refresh_flag() -> None:
    """Called by the task before it reads anything: later verifications schedule a new run."""
    client = broker_redis()
    if client is not None:
        client.delete(REFRESH_KEY)
