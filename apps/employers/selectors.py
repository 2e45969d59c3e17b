"""Reads for employers' pages and the public job search. Query counts stay flat as rows grow.

Each section is independent: helpers for one part of the app live in their own section.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchRank
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.formats import number_format

from apps.accounts.models import Membership, Organization
from apps.core.search import RANK_WEIGHTS, fallback_alternatives, is_postgresql, title_tier
from apps.core.search import query as search_query
from apps.core.text import fold
from apps.skills.models import Occupation, Skill
from apps.skills.selectors import skill_synonyms

from .models import Application, ApplicationStatus, Job, JobStatus, PayUnit

# ---------------------------------------------------------------------------
# Jobs
# ---------------------------------------------------------------------------
HOURS_PER_YEAR = 2080  # 40 hours a week, 52 weeks: how hourly pay compares to a salary


SEARCH_CAP = 1000  # matches ranked and paged; beyond it the count reads "1,000+"
FACETS_KEY = "employers:job-search-facets"
FACETS_TTL = 300  # seconds; job_published / job_closed clear it sooner (receivers.py)


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
    employer: str = ""  # a name, or part of one (an id from older links)
    posted_within_days: int | None = None
    sort: str = "relevance"  # relevance | newest | pay


@dataclass
class Hits:
    """The matching jobs' ids in display order, at most SEARCH_CAP; `more`: there were more."""

    ids: list[int]
    more: bool = False


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


def _employer_ids(name: str) -> list[int]:
    if name.isdigit():
        return [int(name)]
    return list(
        Organization.objects.filter(kind=Organization.Kind.EMPLOYER, name__icontains=name)
        .order_by("name")
        .values_list("pk", flat=True)[:100]
    )


def job_search(filters: JobFilters) -> Hits:
    """Open jobs (published, not past their closing date, by an approved employer).

    Bounded: the newest SEARCH_CAP matches come from the `employers_job_published_newest`
    index (or the GIN index of the documents for rare words), then rank in Python. Load the
    page's jobs with `jobs_in_order`.
    """
    jobs = Job.objects.published().annotate(
        yearly_pay_min=_yearly_expression("pay_min"),
        yearly_pay_max=_yearly_expression("pay_max"),
    )
    fields = ["pk", "title", "published_at", "yearly_pay_min", "yearly_pay_max"]
    ranked = False
    if filters.q:
        if is_postgresql():
            query = search_query(filters.q, synonyms=skill_synonyms(filters.q))
            if query is None:
                return Hits(ids=[])
            jobs = jobs.filter(search_vector=query).annotate(
                rank=SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS)
            )
            fields.append("rank")
            ranked = True
        else:  # the embedded SQLite default: folded words by substring (core/search.py)
            for alternatives in fallback_alternatives(filters.q):
                match = Q()
                for word in alternatives:
                    match |= Q(title__icontains=word) | Q(skills_text__contains=word)
                    match |= Q(description__icontains=word)
                jobs = jobs.filter(match)
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
        jobs = jobs.filter(employer_id__in=_employer_ids(filters.employer))
    if filters.posted_within_days:
        since = timezone.now() - timedelta(days=filters.posted_within_days)
        jobs = jobs.filter(published_at__gte=since)
    rows = list(jobs.order_by(F("published_at").desc(), "-pk").values(*fields)[: SEARCH_CAP + 1])
    more = len(rows) > SEARCH_CAP
    rows = rows[:SEARCH_CAP]  # newest first
    if filters.sort == "pay":
        rows.sort(key=lambda r: (-r["yearly_pay_max"], -r["yearly_pay_min"]))
    elif filters.sort != "newest" and ranked:
        # Best match: the exact title, then titles with every word, then the rank.
        tier = title_tier(filters.q)
        rows.sort(key=lambda r: (tier(r["title"]), -r["rank"]))
    return Hits(ids=[r["pk"] for r in rows], more=more)


def jobs_in_order(ids: list[int]) -> list[Job]:
    """The jobs of a results page, with what their cards show, in the order given."""
    found = (
        Job.objects.filter(pk__in=ids)
        .select_related("employer", "occupation")
        .prefetch_related(Prefetch("required_skills", queryset=_skills_in_order()))
        .annotate(
            yearly_pay_min=_yearly_expression("pay_min"),
            yearly_pay_max=_yearly_expression("pay_max"),
        )
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]


def _job_ids_requiring(skill_id: int):
    return Job.required_skills.through.objects.filter(skill_id=skill_id).values("job_id")


def _job_ids_preferring(skill_id: int):
    return Job.preferred_skills.through.objects.filter(skill_id=skill_id).values("job_id")


def search_choices() -> dict:
    """What the search filters offer: skills and occupations of open jobs, with how many
    open jobs each has. Cached (FACETS_TTL), cleared by job_published and job_closed."""
    return cache.get_or_set(FACETS_KEY, count_facets, FACETS_TTL)


def count_facets() -> dict:
    """Open jobs per skill and per occupation, and the filters' choices in each language,
    labelled with those counts and sorted (a page renders them without more work).
    A job names a skill once, required or preferred (save_job keeps the lists apart)."""
    open_jobs = Job.objects.published().values("pk")
    per_skill = Counter()
    for through in (Job.required_skills.through, Job.preferred_skills.through):
        for skill_id, count in (
            through.objects.filter(job__in=open_jobs)
            .values_list("skill_id")
            .annotate(n=Count("job_id"))
            .order_by()
        ):
            per_skill[skill_id] += count
    per_occupation = dict(
        Job.objects.published().values_list("occupation_id").annotate(n=Count("pk")).order_by()
    )
    skills = Skill.objects.filter(pk__in=per_skill).values_list("pk", "name_en", "name_es")
    occupations = Occupation.objects.filter(pk__in=per_occupation).values_list(
        "pk", "title_en", "title_es"
    )
    return {
        "skill_counts": dict(per_skill),
        "occupation_counts": per_occupation,
        "skill_choices": labelled_choices(skills, per_skill),
        "occupation_choices": labelled_choices(occupations, per_occupation),
    }


def labelled_choices(rows, counts) -> dict[str, list[tuple[int, str]]]:
    """(pk, "Label (count)") per language, sorted by label, for a filter's <select>."""
    choices = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labelled = [
                (
                    pk,
                    f"{(es or en) if language == 'es' else en} "
                    f"({number_format(counts[pk], force_grouping=True)})",
                )
                for pk, en, es in rows
            ]
        choices[language] = sorted(labelled, key=lambda c: fold(c[1]))
    return choices


def forget_facets(**kwargs) -> None:
    cache.delete(FACETS_KEY)


def employers_named(text: str, *, limit: int = 10) -> list[str]:
    """Names of employers with open jobs that contain `text`, for the employer field."""
    text = text.strip()
    if not text:
        return []
    return list(
        Organization.objects.filter(name__icontains=text)
        .filter(Exists(Job.objects.published().filter(employer=OuterRef("pk"))))
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )


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
