"""Listeners for the domain events the goals react to (connected in GoalsConfig.ready)."""

from . import services


def on_hire_decided(sender, *, hire_id: int, status: str, employer_id: int, **kwargs) -> None:
    """A verification (or a rejection, which can undo a count) moves the numbers: recompute
    today's snapshots within a minute, once for a whole burst."""
    services.schedule_refresh()
