"""Goal snapshots: nightly from beat, and after hire verifications (debounced in services)."""

from celery import shared_task

from . import snapshots
from .models import Goal


@shared_task(name="goals.refresh_goal_snapshot")
def refresh_goal_snapshot(goal_id: int) -> None:
    """Today's snapshot of one goal. Idempotent: it upserts the day's row."""
    goal = Goal.objects.filter(pk=goal_id).first()
    if goal is None:
        return
    snapshots.refresh_snapshot(goal=goal)


@shared_task(name="goals.refresh_goal_snapshots")
def refresh_goal_snapshots() -> None:
    """Today's snapshot of every started goal (nightly, and after verifications)."""
    snapshots.clear_refresh_flag()
    snapshots.refresh_all()
