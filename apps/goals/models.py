"""The program's goals (400 people into tech jobs by the end of 2020, and the next ones) and
the daily snapshots of their progress that the dashboard, the public page and the feed read.

The numbers themselves are defined in metrics.py (pure functions) and docs/goals.md.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel


class GoalQuerySet(models.QuerySet):
    def current(self, today):
        """The goal to show today: the one running now (latest start first), else the latest
        one that started, else the next to start. One query: goals are a handful of rows."""
        goals = list(self.all())
        running = [g for g in goals if g.start <= today <= g.end]
        started = [g for g in goals if g.start <= today]
        if running:
            return max(running, key=lambda g: (g.start, g.pk))
        if started:
            return max(started, key=lambda g: (g.end, g.pk))
        return min(goals, key=lambda g: (g.start, g.pk), default=None)


class Goal(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    target = models.PositiveIntegerField(_("people to hire"))
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    counting_rule_en = models.TextField(_("counting rule in English"), max_length=2000)
    counting_rule_es = models.TextField(_("counting rule in Spanish"), max_length=2000)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="goals_end_after_start"),
            models.CheckConstraint(
                condition=Q(target__gte=1, target__lte=1_000_000), name="goals_target_range"
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.target} ({self.start:%Y-%m-%d} → {self.end:%Y-%m-%d})"

    @property
    def counting_rule(self) -> str:
        spanish = (get_language() or "en").startswith("es")
        return self.counting_rule_es if spanish and self.counting_rule_es else self.counting_rule_en


class GoalSnapshot(models.Model):
    """A goal's metrics as of the end of one day (America/Denver), computed by a task.

    One row per goal per day, upserted: recomputing a day replaces its numbers and adds one
    to `revision`. The headline has typed columns; everything else is in `data`.
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="snapshots")
    day = models.DateField()
    people = models.PositiveIntegerField()
    jobs_filled = models.PositiveIntegerField()
    percent_of_goal = models.DecimalField(max_digits=6, decimal_places=1)
    percent_of_time = models.DecimalField(max_digits=6, decimal_places=1)
    status = models.CharField(max_length=16)
    projected_on = models.DateField(null=True, blank=True)
    reached_on = models.DateField(null=True, blank=True)
    pledged = models.PositiveIntegerField(default=0)
    pledge_filled = models.PositiveIntegerField(default=0)
    backlog = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField()
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["goal", "-day"]
        verbose_name = _("goal snapshot")
        verbose_name_plural = _("goal snapshots")
        constraints = [
            models.UniqueConstraint(fields=["goal", "day"], name="goals_one_snapshot_per_day")
        ]

    def __str__(self):
        return f"{self.goal.name} on {self.day:%Y-%m-%d}: {self.people}"


class AnonymousPerson(models.Model):
    """What the goal's numbers read about an account that was erased, kept without name or
    contact so that no total changes: written by the erasure (goals/privacy.py) before the
    profile and the voluntary answers are deleted.

    The account row itself stays, anonymous and locked, so hires, applications and
    enrollments keep pointing at one person (people are counted once). This row adds the two
    facts that lived in rows erasure deletes: whether the profile was complete (the funnel)
    and the answers the focus populations count (not race, which no number uses).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    profile_complete = models.BooleanField(default=False)
    veteran = models.CharField(max_length=16, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    long_term_unemployed = models.CharField(max_length=16, blank=True)
    education = models.CharField(max_length=16, blank=True)
    sex = models.CharField(max_length=16, blank=True)
    hispanic_latino = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("anonymous person")
        verbose_name_plural = _("anonymous people")

    def __str__(self):
        return f"anonymous person {self.pk}"
