"""Reads for the goals: the rows metrics.compute() needs, the goals, and their snapshots.

load_inputs() runs a fixed number of queries, whatever the number of rows. Unfiltered, it
reads every reported tech hire of the window, every pledge, every registered seeker (for
rates and the funnel) and every training completion: the snapshot task's work, done once a
night and after verifications, never on a page view. Filtered (the dashboard's filters), it
reads only the matching hires and the demographics of their people, and skips the
registrant-based numbers; see docs/goals.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import Lower, TruncDate
from django.utils import timezone

from apps.accounts.models import Organization, Role, User
from apps.employers.models import Application, Hire, Pledge
from apps.seekers.models import Demographics, SeekerProfile, SeekerSkill
from apps.skills.models import Occupation
from apps.trainings.models import Enrollment, EnrollmentEvent, EnrollmentStatus, Program

from . import metrics
from .models import AnonymousPerson, Goal, GoalSnapshot

PROFILE_COMPLETE_SKILLS = 3


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters: a start-date range and one occupation, employer, program."""

    start_from: date | None = None
    start_to: date | None = None
    occupation_id: int | None = None
    employer_id: int | None = None
    program_id: int | None = None

    def __bool__(self) -> bool:
        return any(
            v is not None
            for v in (
                self.start_from,
                self.start_to,
                self.occupation_id,
                self.employer_id,
                self.program_id,
            )
        )


def facts(goal: Goal) -> metrics.GoalFacts:
    return metrics.GoalFacts(target=goal.target, start=goal.start, end=goal.end)


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def _hires(goal: Goal, filters: Filters):
    hires = Hire.objects.filter(
        occupation__is_tech=True, start_date__gte=goal.start, start_date__lte=goal.end
    )
    if filters.start_from:
        hires = hires.filter(start_date__gte=filters.start_from)
    if filters.start_to:
        hires = hires.filter(start_date__lte=filters.start_to)
    if filters.occupation_id:
        hires = hires.filter(occupation_id=filters.occupation_id)
    if filters.employer_id:
        hires = hires.filter(employer_id=filters.employer_id)
    if filters.program_id:
        completed_program = Enrollment.objects.filter(
            seeker=OuterRef("seeker"),
            cohort__program_id=filters.program_id,
            status=EnrollmentStatus.COMPLETED,
        )
        hires = hires.filter(
            Q(training_enrollment__cohort__program_id=filters.program_id)
            | Exists(completed_program)
        )
    return hires.values_list(
        "pk",
        "seeker_id",
        Lower("external_email"),
        "start_date",
        TruncDate("created_at"),
        TruncDate("decided_at"),
        "status",
        "occupation_id",
        "employer_id",
        "pledge_id",
        "training_enrollment__cohort__program_id",
    )


def hire_rows(goal: Goal, filters: Filters = Filters()) -> list[metrics.HireRow]:
    return [
        metrics.HireRow(
            id=pk,
            person=metrics.person_key(hire_id=pk, seeker_id=seeker_id, external_email=email),
            start=start,
            reported_on=created,
            decided_on=decided,
            status=status,
            occupation_id=occupation_id,
            employer_id=employer_id,
            seeker_id=seeker_id,
            pledge_id=pledge_id,
            program_id=program_id,
        )
        for (
            pk,
            seeker_id,
            email,
            start,
            created,
            decided,
            status,
            occupation_id,
            employer_id,
            pledge_id,
            program_id,
        ) in _hires(goal, filters).iterator(chunk_size=5000)
    ]


DEMOGRAPHIC_FIELDS = (
    "user_id",
    "veteran",
    "birth_year",
    "long_term_unemployed",
    "education",
    "sex",
    "hispanic_latino",
)


def _demographics(user_ids=None) -> dict[int, metrics.Demographic]:
    """The answers the focus populations count: people's own, and those an erased account
    left (AnonymousPerson), in one query."""
    rows = Demographics.objects.all()
    kept = AnonymousPerson.objects.all()
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
        kept = kept.filter(user_id__in=user_ids)
    union = rows.values_list(*DEMOGRAPHIC_FIELDS).union(
        kept.values_list(*DEMOGRAPHIC_FIELDS), all=True
    )
    return {
        user_id: metrics.Demographic(
            veteran=veteran,
            birth_year=birth_year,
            long_term_unemployed=ltu,
            education=education,
            sex=sex,
            hispanic_latino=hispanic,
        )
        for user_id, veteran, birth_year, ltu, education, sex, hispanic in union.iterator(
            chunk_size=5000
        )
    }


def _first(queryset, person: str, moment: str = "created_at") -> dict:
    """{person id: local date of the earliest moment}: one GROUP BY over the table."""
    return dict(
        queryset.order_by()
        .values_list(person)
        .annotate(first=TruncDate(Min(moment)))
        .values_list(person, "first")
    )


def _with_skills(user_ids=None):
    """Seekers with enough skills for a complete profile (ids)."""
    rows = SeekerSkill.objects.order_by()
    if user_ids is not None:
        rows = rows.filter(profile__user_id__in=user_ids)
    return (
        rows.values_list("profile__user_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=PROFILE_COMPLETE_SKILLS)
        .values_list("profile__user_id", flat=True)
    )


def _with_profile(user_ids=None):
    """Seekers with a headline and target jobs (ids)."""
    rows = SeekerProfile.objects.exclude(headline="").filter(target_occupations__isnull=False)
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    return rows.values_list("user_id", flat=True).distinct()


def profile_complete(user_id: int) -> bool:
    """The funnel's "profile complete" for one person (as _registrants() reckons it)."""
    return _with_skills([user_id]).exists() and _with_profile([user_id]).exists()


def _registrants() -> list[metrics.Registrant]:
    """Every registered seeker with the funnel's dates: six grouped queries, one pass each
    (no per-person subquery), merged here."""
    # An erased account's profile is gone; AnonymousPerson kept whether it was complete.
    kept = AnonymousPerson.objects.filter(profile_complete=True).values_list("user_id", flat=True)
    with_skills = set(_with_skills().union(kept))
    with_profile = set(_with_profile().union(kept))
    applied = _first(Application.objects.all(), "seeker_id")
    enrolled = _first(Enrollment.objects.all(), "seeker_id")
    completed = _first(
        EnrollmentEvent.objects.filter(to_status=EnrollmentStatus.COMPLETED),
        "enrollment__seeker_id",
    )
    registrants = []
    for pk, joined in (
        User.objects.filter(role=Role.SEEKER)
        .values_list("pk", TruncDate("date_joined"))
        .iterator(5000)
    ):
        engaged = min((d for d in (applied.get(pk), enrolled.get(pk)) if d), default=None)
        registrants.append(
            metrics.Registrant(
                seeker_id=pk,
                joined_on=joined,
                profile_complete=pk in with_skills and pk in with_profile,
                engaged_on=engaged,
                completed_on=completed.get(pk),
            )
        )
    return registrants


def _completions(seeker_ids=None) -> list[metrics.Completion]:
    rows = Enrollment.objects.filter(status=EnrollmentStatus.COMPLETED)
    if seeker_ids is not None:
        rows = rows.filter(seeker_id__in=seeker_ids)
    rows = rows.annotate(
        completed_at=Min("events__created_at", filter=Q(events__to_status="completed"))
    ).values_list("cohort__program_id", "seeker_id", "completed_at", "updated_at")
    return [
        metrics.Completion(
            program_id=program_id,
            seeker_id=seeker_id,
            completed_on=_local_date(completed or updated),
        )
        for program_id, seeker_id, completed, updated in rows.iterator(chunk_size=5000)
    ]


def load_inputs(goal: Goal, filters: Filters = Filters()) -> metrics.Inputs:
    """The rows for compute(). Eight queries unfiltered, six filtered."""
    hires = hire_rows(goal, filters)
    pledges = Pledge.objects.filter(by_date__gte=goal.start)
    if filters.employer_id:
        pledges = pledges.filter(employer_id=filters.employer_id)
    inputs = metrics.Inputs(
        hires=hires,
        pledges=[
            metrics.PledgeRow(
                id=pk, employer_id=employer_id, hires=n, made_on=_local_date(made), by_date=by
            )
            for pk, employer_id, n, made, by in pledges.values_list(
                "pk", "employer_id", "hires", "created_at", "by_date"
            )
        ],
        occupations={
            pk: (soc, en, es)
            for pk, soc, en, es in Occupation.objects.filter(is_tech=True).values_list(
                "pk", "soc_code", "title_en", "title_es"
            )
        },
        employers=dict(
            Organization.objects.filter(kind=Organization.Kind.EMPLOYER).values_list("pk", "name")
        ),
        programs={
            pk: (title, provider)
            for pk, title, provider in Program.objects.values_list("pk", "title", "provider__name")
        },
    )
    if filters:
        seekers = {h.seeker_id for h in hires if h.seeker_id}
        inputs.demographics = _demographics(seekers)
        inputs.completions = _completions(seekers)
    else:
        inputs.demographics = _demographics()
        inputs.registrants = _registrants()
        inputs.completions = _completions()
        inputs.enrollments_by_program = dict(
            Enrollment.objects.order_by()
            .values("cohort__program_id")
            .annotate(n=Count("pk"))
            .values_list("cohort__program_id", "n")
        )
    return inputs


# ---------------------------------------------------------------------------
# Goals and snapshots
# ---------------------------------------------------------------------------
def current_goal() -> Goal | None:
    return Goal.objects.current(timezone.localdate())


CURRENT_GOAL_KEY = "goals:current-goal"


def current_goal_id() -> int | None:
    """The current goal's id, remembered in the cache for the day (services.save_goal forgets
    it): the public feed then reads one row per request, like /healthz."""
    key = f"{CURRENT_GOAL_KEY}:{timezone.localdate().isoformat()}"
    goal_id = cache.get(key)
    if goal_id is None:
        goal = current_goal()
        goal_id = goal.pk if goal else 0
        cache.set(key, goal_id, 60 * 60)
    return goal_id or None


def forget_current_goal() -> None:
    cache.delete(f"{CURRENT_GOAL_KEY}:{timezone.localdate().isoformat()}")


def latest_snapshot(goal: Goal) -> GoalSnapshot | None:
    return goal.snapshots.order_by("-day").first()


def public_snapshot() -> GoalSnapshot | None:
    """The latest snapshot of the current goal, with its goal (one query)."""
    goal = current_goal()
    if goal is None:
        return None
    return GoalSnapshot.objects.filter(goal=goal).select_related("goal").order_by("-day").first()


def history(goal: Goal):
    """(day, people) of every snapshot of the goal, oldest first."""
    return goal.snapshots.order_by("day").values_list("day", "people")
