"""Reads for employers' pages and the public job search. Query counts stay flat as rows grow.

Each section is independent: helpers for one part of the app live in their own section.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import Case, Count, DecimalField, F, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.models import Membership, Organization
from apps.core.search import query as search_query
from apps.skills.models import Occupation, Skill

from .models import Application, ApplicationStatus, Job, JobStatus, PayUnit

# ---------------------------------------------------------------------------
# Jobs
# ---------------------------------------------------------------------------
HOURS_PER_YEAR = 2080  # 40 hours a week, 52 weeks: how hourly pay compares to a salary


@dataclass
class JobFilters:
    q: str = ""
    skill: int | None = None
    occupation: int | None = None
    work_setting: str = ""
    schedule: str = ""
    pay_from: Decimal | None = None  # the least pay wanted, in `pay_unit`
    pay_unit: str = PayUnit.HOUR
    no_degree: bool = False
    employer: int | None = None
    posted_within_days: int | None = None
    sort: str = "relevance"  # relevance | newest | pay


def yearly(amount: Decimal, unit: str) -> Decimal:
    """An amount of pay as a yearly figure (hourly × 2,080)."""
    return amount * HOURS_PER_YEAR if unit == PayUnit.HOUR else amount


def _yearly_expression(field: str):
    return Case(
        When(pay_unit=PayUnit.HOUR, then=F(field) * HOURS_PER_YEAR),
        default=F(field),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def _skills_in_order():
    return Skill.objects.order_by("name_en")


def job_search(filters: JobFilters) -> QuerySet[Job]:
    """Open jobs (published, not past their closing date, by an approved employer)."""
    jobs = (
        Job.objects.published()
        .select_related("employer", "occupation")
        .prefetch_related(Prefetch("required_skills", queryset=_skills_in_order()))
        .annotate(
            yearly_pay_min=_yearly_expression("pay_min"),
            yearly_pay_max=_yearly_expression("pay_max"),
        )
    )
    ranked = False
    if filters.q:
        if connection.vendor == "postgresql":
            query = search_query(filters.q)
            jobs = jobs.filter(search_vector=query).annotate(
                rank=SearchRank(F("search_vector"), query)
            )
            ranked = True
        else:  # the embedded SQLite default: a plain substring match
            jobs = jobs.filter(
                Q(title__icontains=filters.q)
                | Q(skills_text__icontains=filters.q)
                | Q(description__icontains=filters.q)
            )
    if filters.skill:
        # Subqueries rather than joins: a job matching on both lists still shows once.
        jobs = jobs.filter(
            Q(pk__in=_job_ids_requiring(filters.skill))
            | Q(pk__in=_job_ids_preferring(filters.skill))
        )
    if filters.occupation:
        jobs = jobs.filter(occupation_id=filters.occupation)
    if filters.work_setting:
        jobs = jobs.filter(work_setting=filters.work_setting)
    if filters.schedule:
        jobs = jobs.filter(schedule=filters.schedule)
    if filters.pay_from:
        jobs = jobs.filter(yearly_pay_max__gte=yearly(filters.pay_from, filters.pay_unit))
    if filters.no_degree:
        jobs = jobs.filter(degree_required=False)
    if filters.employer:
        jobs = jobs.filter(employer_id=filters.employer)
    if filters.posted_within_days:
        since = timezone.now() - timedelta(days=filters.posted_within_days)
        jobs = jobs.filter(published_at__gte=since)
    newest = [F("published_at").desc(nulls_last=True), "title", "pk"]
    order = {
        "newest": newest,
        "pay": ["-yearly_pay_max", "-yearly_pay_min", *newest],
    }.get(filters.sort)
    if order is None:  # best match; without words to match, the newest first
        order = ["-rank", *newest] if ranked else newest
    return jobs.order_by(*order)


def _job_ids_requiring(skill_id: int):
    return Job.required_skills.through.objects.filter(skill_id=skill_id).values("job_id")


def _job_ids_preferring(skill_id: int):
    return Job.preferred_skills.through.objects.filter(skill_id=skill_id).values("job_id")


def search_choices() -> dict:
    """What the search filters offer: only skills, occupations, employers of open jobs."""
    open_jobs = Job.objects.published().values("pk")
    skills = Skill.objects.filter(
        Q(pk__in=Job.required_skills.through.objects.filter(job__in=open_jobs).values("skill_id"))
        | Q(
            pk__in=Job.preferred_skills.through.objects.filter(job__in=open_jobs).values("skill_id")
        )
    )
    return {
        "skills": list(skills),
        "occupations": list(Occupation.objects.filter(jobs__in=open_jobs).distinct()),
        "employers": list(
            Organization.objects.filter(jobs__in=open_jobs).distinct().order_by("name")
        ),
    }


def job_page(slug: str) -> Job:
    """An open job with all it shows; raises Job.DoesNotExist for anything else."""
    return (
        Job.objects.published()
        .select_related("employer", "occupation")
        .prefetch_related(
            Prefetch("required_skills", queryset=_skills_in_order()),
            Prefetch("preferred_skills", queryset=_skills_in_order()),
        )
        .get(slug=slug)
    )


def application_of(seeker, job: Job) -> Application | None:
    return Application.objects.filter(seeker=seeker, job=job).first()


def employer_jobs(organization: Organization) -> QuerySet[Job]:
    """The organization's jobs, newest first, with their applicant counts."""
    return (
        Job.objects.of(organization)
        .select_related("occupation")
        .annotate(
            applicant_count=Count("applications"),
            new_count=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)
            ),
        )
        .order_by("-created_at", "-pk")
    )


def job_with_skills(job_qs: QuerySet[Job], pk: int) -> Job:
    """One job of `job_qs` with both skill lists; raises Job.DoesNotExist."""
    return (
        job_qs.select_related("employer", "occupation", "created_by")
        .prefetch_related(
            Prefetch("required_skills", queryset=_skills_in_order()),
            Prefetch("preferred_skills", queryset=_skills_in_order()),
        )
        .annotate(applicant_count=Count("applications"))
        .get(pk=pk)
    )


def review_queue() -> QuerySet[Job]:
    """Jobs waiting for staff review, the longest-waiting first."""
    return (
        Job.objects.filter(status=JobStatus.PENDING)
        .select_related("employer", "occupation")
        .order_by(F("submitted_at").asc(nulls_first=True), "pk")
    )


def my_applications(user) -> QuerySet[Application]:
    """A seeker's applications, newest first, with their jobs, employers and history."""
    return (
        Application.objects.filter(seeker=user)
        .select_related("job__employer")
        .prefetch_related("events")
        .order_by("-created_at", "-pk")
    )


# ---------------------------------------------------------------------------
# Owner-scoped lookups: an employer's own jobs and their applications, a seeker's own
# applications; anything else answers 404, as if it did not exist.
# ---------------------------------------------------------------------------
def jobs_of(membership: Membership) -> QuerySet[Job]:
    return Job.objects.filter(employer=membership.organization)


def get_job(membership: Membership, pk: int) -> Job:
    """One of the membership's organization's jobs, or 404."""
    return get_object_or_404(jobs_of(membership).select_related("employer", "occupation"), pk=pk)


def applications_to_jobs_of(membership: Membership) -> QuerySet[Application]:
    return Application.objects.filter(job__employer=membership.organization)


def get_application(membership: Membership, pk: int) -> Application:
    """An application to one of the membership's organization's jobs, or 404."""
    return get_object_or_404(
        applications_to_jobs_of(membership).select_related("job__employer", "seeker"), pk=pk
    )


def own_application_or_404(user, pk: int) -> Application:
    """The signed-in seeker's own application, or 404."""
    return get_object_or_404(
        Application.objects.select_related("job__employer"), pk=pk, seeker=user
    )
