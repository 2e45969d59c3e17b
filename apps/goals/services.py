"""Writes of the goals app: goals (staff), and scheduling their snapshots' recompute.

The snapshots themselves are computed in snapshots.py (called by tasks.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Goal
from .selectors import forget_current_goal
from .snapshots import REFRESH_KEY, broker_redis, latest_snapshot_cache_key
from .tasks import refresh_goal_snapshot, refresh_goal_snapshots

# Hire verifications within this many seconds share one recompute (see schedule_refresh).
REFRESH_DELAY_SECONDS = 30


@transaction.atomic
def save_goal(*, data: dict, goal: Goal | None = None) -> Goal:
    """Create or change a goal. Its snapshots are recomputed after commit (old ones were
    computed for another window or target, so they go)."""
    goal = goal or Goal()
    for name, value in data.items():
        setattr(goal, name, value)
    if goal.start and goal.end and goal.end <= goal.start:
        raise ValidationError({"end": _("The last day must come after the first day.")})
    goal.full_clean()
    goal.save()
    goal.snapshots.all().delete()
    goal_id = goal.pk
    transaction.on_commit(forget_current_goal)
    transaction.on_commit(lambda: cache.delete(latest_snapshot_cache_key(goal_id)))
    transaction.on_commit(lambda: refresh_goal_snapshot.delay(goal_id))
    return goal


def schedule_refresh() -> bool:
    """Ask for a recompute of the goals' snapshots within the refresh delay (30 s).

    The first call sets a Redis key (SET NX EX) and enqueues the task with that countdown;
    calls while the key exists do nothing, so a burst of 50 verifications gives one task.
    The task deletes the key before it reads anything, so a verification that lands while it
    computes schedules the next run. Without Redis (eager mode), recompute after commit.
    Returns whether this call scheduled a recompute.
    """
    delay = getattr(settings, "GOALS_REFRESH_DELAY_SECONDS", REFRESH_DELAY_SECONDS)
    client = broker_redis()
    if client is None:
        transaction.on_commit(refresh_goal_snapshots.delay)
        return True
    # The key outlives the countdown in case the task starts late; the task clears it.
    if not client.set(REFRESH_KEY, "1", nx=True, ex=delay + 300):
        return False
    transaction.on_commit(lambda: refresh_goal_snapshots.apply_async(countdown=delay))
    return True
