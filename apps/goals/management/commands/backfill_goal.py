"""Compute a goal's daily snapshots over a range of days (its whole history by default)."""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from apps.goals import snapshots
from apps.goals.models import Goal


class Command(BaseCommand):
    help = "Back-fill a goal's daily snapshots (idempotent: each day's row is replaced)."

    def add_arguments(self, parser):
        parser.add_argument("goal", nargs="?", type=int, help="goal id (default: every goal)")
        parser.add_argument("--from", dest="first", type=date.fromisoformat, default=None)
        parser.add_argument("--to", dest="last", type=date.fromisoformat, default=None)

    def handle(self, *args, goal=None, first=None, last=None, **options):
        goals = Goal.objects.filter(pk=goal) if goal else Goal.objects.order_by("start")
        if goal and not goals.exists():
            raise CommandError(f"No goal with id {goal}.")
        for each in goals:
            self.stdout.write(f"{each.name} ({each.start} → {each.end})")
            days = snapshots.backfill(goal=each, first=first, last=last, progress=self._bar)
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"  {days} days computed"))

    def _bar(self, done: int, total: int) -> None:
        if done != total and done % max(1, total // 100):
            return
        width = 40
        filled = width * done // total
        self.stdout.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()
        elif sys.stdout:
            sys.stdout.flush()
