"""Reads for the catalog, program pages and the provider's roster. Query counts stay flat."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.models import Membership
from apps.core.search import query as search_query

from .models import SEAT_HOLDING, Cohort, Enrollment, EnrollmentEvent, EnrollmentStatus, Program

SUPPRESS_BELOW = 10  # outcome rates over fewer people are not shown


@dataclass
class CatalogFilters:
    q: str = ""
    skill: int | None = None
    occupation: int | None = None
    format: str = ""
    schedule: str = ""
    affordable: bool = False  # free, or fundable (WIOA / scholarships)
    starts_within_weeks: int | None = None
    language: str = ""
    provider: int | None = None
    sort: str = "relevance"


def catalog(filters: CatalogFilters):
    today = timezone.localdate()
    upcoming = Cohort.objects.filter(enrollment_deadline__gte=today).with_seats_taken()
    programs = (
        Program.objects.published()
        .select_related("provider")
        .annotate(
            next_start=Min("cohorts__start_date", filter=Q(cohorts__enrollment_deadline__gte=today))
        )
        .prefetch_related(
            "skills",
            Prefetch("cohorts", queryset=upcoming.order_by("start_date"), to_attr="open_cohorts"),
        )
    )
    if filters.q:
        if connection.vendor == "postgresql":
            query = search_query(filters.q)
            programs = programs.filter(search_vector=query).annotate(
                rank=SearchRank(F("search_vector"), query)
            )
        else:  # the embedded SQLite default: a plain substring match
            programs = programs.filter(
                Q(title__icontains=filters.q)
                | Q(skills_text__icontains=filters.q)
                | Q(summary__icontains=filters.q)
                | Q(description__icontains=filters.q)
            )
    if filters.skill:
        programs = programs.filter(skills=filters.skill)
    if filters.occupation:
        programs = programs.filter(occupations=filters.occupation)
    if filters.format:
        programs = programs.filter(format=filters.format)
    if filters.schedule:
        programs = programs.filter(schedule=filters.schedule)
    if filters.language:
        programs = programs.filter(Q(language=filters.language) | Q(language="bilingual"))
    if filters.provider:
        programs = programs.filter(provider_id=filters.provider)
    if filters.affordable:
        programs = programs.filter(Q(total_cost=0) | Q(wioa_eligible=True) | Q(scholarships=True))
    if filters.starts_within_weeks:
        latest = today + timedelta(weeks=filters.starts_within_weeks)
        programs = programs.filter(next_start__isnull=False, next_start__lte=latest)
    order = {
        "soonest": [F("next_start").asc(nulls_last=True), "title"],
        "cost": ["total_cost", "title"],
        "newest": ["-published_at", "title"],
        "title": ["title"],
    }.get(filters.sort)
    if order is None:  # relevance
        order = (
            ["-rank", "title"]
            if filters.q and connection.vendor == "postgresql"
            else [
                F("next_start").asc(nulls_last=True),
                "title",
            ]
        )
    return programs.distinct().order_by(*order)


def program_page(slug: str):
    today = timezone.localdate()
    return (
        Program.objects.published()
        .select_related("provider")
        .prefetch_related(
            "skills",
            "occupations",
            Prefetch(
                "cohorts",
                queryset=Cohort.objects.filter(end_date__gte=today)
                .with_seats_taken()
                .order_by("start_date"),
                to_attr="current_cohorts",
            ),
        )
        .get(slug=slug)
    )


@dataclass
class Outcomes:
    started: int
    completed: int
    credentials: int
    suppressed: bool
    placed: int = 0

    @property
    def completion_rate(self) -> int | None:
        if self.suppressed or not self.started:
            return None
        return round(100 * self.completed / self.started)

    @property
    def placement_rate(self) -> int | None:
        """Completers hired into a verified job afterwards; not shown under 10 completers."""
        if self.completed < SUPPRESS_BELOW:
            return None
        return round(100 * self.placed / self.completed)


def outcomes(program: Program) -> Outcomes:
    """Completion among people who started (were ever enrolled); fewer than 10: not shown."""
    started_ids = EnrollmentEvent.objects.filter(
        enrollment__cohort__program=program, to_status=EnrollmentStatus.ENROLLED
    ).values("enrollment_id")
    counts = Enrollment.objects.filter(pk__in=started_ids).aggregate(
        started=Count("pk"),
        completed=Count("pk", filter=Q(status=EnrollmentStatus.COMPLETED)),
        credentials=Count("pk", filter=Q(credential_earned=True)),
    )
    # Placed: completers with a verified hire after the training (Enrollment.placed_at,
    # recorded by services.record_placement when staff verify the hire).
    placed = Enrollment.objects.filter(
        cohort__program=program, status=EnrollmentStatus.COMPLETED, placed_at__isnull=False
    ).count()
    return Outcomes(**counts, placed=placed, suppressed=counts["started"] < SUPPRESS_BELOW)


def seats_left(cohort: Cohort) -> int:
    taken = getattr(cohort, "seats_taken", None)
    if taken is None:
        taken = cohort.enrollments.filter(status__in=SEAT_HOLDING).count()
    return max(cohort.seats - taken, 0)


def provider_dashboard(organization):
    today = timezone.localdate()
    cohorts = (
        Cohort.objects.filter(program__provider=organization, end_date__gte=today)
        .select_related("program")
        .with_seats_taken()
        .annotate(
            waiting=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.APPLIED))
        )
        .order_by("start_date")[:20]
    )
    totals = Enrollment.objects.filter(cohort__program__provider=organization).aggregate(
        waiting=Count("pk", filter=Q(status=EnrollmentStatus.APPLIED)),
        enrolled=Count("pk", filter=Q(status=EnrollmentStatus.ENROLLED)),
        completed=Count("pk", filter=Q(status=EnrollmentStatus.COMPLETED)),
    )
    return {
        "cohorts": cohorts,
        "totals": totals,
        "programs": Program.objects.of(organization).annotate(cohort_count=Count("cohorts")),
    }


def roster(cohort: Cohort):
    return (
        cohort.enrollments.select_related("seeker")
        .prefetch_related("events__actor")
        .order_by("created_at")
    )


def my_enrollments(user):
    return (
        Enrollment.objects.filter(seeker=user)
        .select_related("cohort__program__provider")
        .prefetch_related("events")
        .order_by("-created_at")
    )


# ---------------------------------------------------------------------------
# Owner-scoped lookups: a provider's own rows, a seeker's own enrollments (else 404)
# ---------------------------------------------------------------------------
def programs_of(membership: Membership) -> QuerySet[Program]:
    return Program.objects.filter(provider=membership.organization)


def cohorts_of(membership: Membership) -> QuerySet[Cohort]:
    return Cohort.objects.filter(program__provider=membership.organization)


def enrollments_of(membership: Membership) -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(cohort__program__provider=membership.organization)


def get_program(membership: Membership, pk: int) -> Program:
    return get_object_or_404(programs_of(membership).select_related("provider"), pk=pk)


def get_cohort(membership: Membership, pk: int) -> Cohort:
    return get_object_or_404(cohorts_of(membership).select_related("program__provider"), pk=pk)


def get_enrollment(membership: Membership, pk: int) -> Enrollment:
    return get_object_or_404(
        enrollments_of(membership).select_related("cohort__program__provider", "seeker"), pk=pk
    )


def own_enrollment_or_404(user, pk: int) -> Enrollment:
    """The signed-in seeker's own enrollment; anyone else's answers 404."""
    return get_object_or_404(
        Enrollment.objects.select_related("cohort__program"), pk=pk, seeker=user
    )
