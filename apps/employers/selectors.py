"""Reads for employers' pages and the public job search. Query counts stay flat as rows grow.

Each section is independent: helpers for one part of the app live in their own section.
"""

import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext

from apps.accounts.models import Membership, Organization
from apps.core.cached import keep_stamped, read_stamped, stamp_of
from apps.core.forms import options_html
from apps.core.fragments import data_version
from apps.core.search import (
    Hits,
    capped_count,
    fallback_alternatives,
    is_postgresql,
    text_hits,
    title_tier,
)
from apps.core.search import query as search_query
from apps.core.text import fold
from apps.skills.models import Occupation, Skill
from apps.skills.selectors import skill_synonyms

from .models import (
    HOURS_PER_YEAR,
    YEARLY_PAY_MAX,
    YEARLY_PAY_MIN,
    Application,
    ApplicationStatus,
    Job,
    JobStatus,
    PayUnit,
)

# ---------------------------------------------------------------------------
# Jobs
# ---------------------------------------------------------------------------
SEARCH_CAP = 1000  # matches counted and paged; beyond it the count reads "1,000+"
FACETS_KEY = "employers:job-search-facets"


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


def yearly(amount: Decimal, unit: str) -> Decimal:
    """An amount of pay as a yearly figure (hourly × 2,080)."""
    return amount * HOURS_PER_YEAR if unit == PayUnit.HOUR else amount


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


def _filtered(filters: JobFilters) -> QuerySet[Job]:
    """Open jobs (published, not past their closing date, by an approved employer) that pass
    every filter but the words."""
    jobs = Job.objects.published()
    if filters.skill:
        # A subquery rather than joins: a job naming the skill in both lists shows once; one
        # IN over a UNION (not two INs joined by OR) lets PostgreSQL start from the skill.
        jobs = jobs.filter(
            pk__in=_job_ids_requiring(filters.skill).union(_job_ids_preferring(filters.skill))
        )
    if filters.occupation:
        jobs = jobs.filter(occupation_id=filters.occupation)
    if filters.work_setting:
        jobs = jobs.filter(work_setting=filters.work_setting)
    if filters.schedule:
        jobs = jobs.filter(schedule=filters.schedule)
    if filters.pay_from:
        jobs = jobs.alias(yearly_pay_max=YEARLY_PAY_MAX).filter(
            yearly_pay_max__gte=yearly(filters.pay_from, filters.pay_unit)
        )
    if filters.no_degree:
        jobs = jobs.filter(degree_required=False)
    if filters.employer:
        jobs = jobs.filter(employer_id__in=_employer_ids(filters.employer))
    if filters.posted_within_days:
        since = timezone.now() - timedelta(days=filters.posted_within_days)
        jobs = jobs.filter(published_at__gte=since)
    return jobs


_ORDERINGS = {  # each with an index behind it (models.Job.Meta.indexes)
    "newest": [F("published_at").desc(), F("pk").desc()],
    "pay": [
        OrderBy(YEARLY_PAY_MAX, descending=True),
        OrderBy(YEARLY_PAY_MIN, descending=True),
        F("published_at").desc(),
        F("pk").desc(),
    ],
}


def _in_order(jobs: QuerySet[Job], sort: str) -> QuerySet[Job]:
    return jobs.order_by(*_ORDERINGS["pay" if sort == "pay" else "newest"])


def _sliced(jobs: QuerySet[Job]):
    return lambda offset, limit: list(jobs.values_list("pk", flat=True)[offset : offset + limit])


def job_search(filters: JobFilters) -> Hits:
    """Open jobs matching the filters, for a Paginator (see core.search.Hits): counted up to
    SEARCH_CAP, each page read by one bounded query through an index — the newest-first or
    pay index, or, for words, the tiers of `core.search.ranked_ids` ("Best match": the exact
    title, then titles with every word, then title and skills, then the text; newest first
    in each). Load a page's jobs with `jobs_in_order`."""
    jobs = _filtered(filters)
    if not filters.q:
        return Hits.read(
            count=lambda cap: capped_count(jobs, cap),
            page=_sliced(_in_order(jobs, filters.sort)),
            cap=SEARCH_CAP,
        )
    if not is_postgresql():
        return _fallback_search(jobs, filters)
    query = search_query(filters.q, synonyms=skill_synonyms(filters.q))
    if query is None:
        return Hits([])
    order = None  # best match
    if filters.sort in ("newest", "pay"):
        order = partial(_in_order, sort=filters.sort)
    narrow = bool(filters.skill or filters.occupation or filters.employer)
    return text_hits(
        jobs, text=filters.q, query=query, cap=SEARCH_CAP, order=order, narrowed=narrow
    )


def _fallback_search(jobs: QuerySet[Job], filters: JobFilters) -> Hits:
    """The embedded SQLite default (a few hundred rows): folded words by substring
    (core/search.py), at most SEARCH_CAP newest matches, ranked in Python."""
    for alternatives in fallback_alternatives(filters.q):
        match = Q()
        for word in alternatives:
            match |= Q(title__icontains=word) | Q(skills_text__contains=word)
            match |= Q(description__icontains=word)
        jobs = jobs.filter(match)
    rows = list(_in_order(jobs, filters.sort).values_list("pk", "title")[: SEARCH_CAP + 1])
    more = len(rows) > SEARCH_CAP
    rows = rows[:SEARCH_CAP]
    if filters.sort not in ("newest", "pay"):
        tier = title_tier(filters.q)
        rows.sort(key=lambda row: tier(row[1]))  # stable: newest first inside a tier
    return Hits([pk for pk, _title in rows], more=more)


def search_version() -> str:
    """What the public search's results change with: jobs and organizations (an employer
    renamed, approved or withdrawn) — `core.fragments.data_version`; one statement."""
    return data_version(Job, Organization)


def card_versions(ids: list[int]) -> dict[int, tuple]:
    """{id: (title, updated_at, the employer's updated_at)} of jobs: what a cached card of
    the job is keyed by (a change to either row makes a new card)."""
    if not ids:
        return {}
    return {
        pk: rest
        for pk, *rest in Job.objects.filter(pk__in=ids).values_list(
            "pk", "title", "updated_at", "employer__updated_at"
        )
    }


def jobs_in_order(ids: list[int]) -> list[Job]:
    """The jobs of a results page, with what their cards show, in the order given."""
    found = (
        Job.objects.filter(pk__in=ids)
        .select_related("employer", "occupation")
        .prefetch_related(Prefetch("required_skills", queryset=_skills_in_order()))
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]


def _job_ids_requiring(skill_id: int):
    return Job.required_skills.through.objects.filter(skill_id=skill_id).values("job_id")


def _job_ids_preferring(skill_id: int):
    return Job.preferred_skills.through.objects.filter(skill_id=skill_id).values("job_id")


def search_choices() -> dict:
    """What the search filters offer: skills and occupations of open jobs, with how many
    open jobs each has. Read from the cache: counting scans every open job (a third of a
    second at 20,000), so `store_facets` runs in a task after job_published / job_closed
    (receivers.py) and hourly; a request counts only when the cache has nothing."""
    return read_stamped(FACETS_KEY, count_facets)


def facets_stamp() -> int:
    """When the facets were last counted, read without them: keys the filters' cached HTML."""
    return stamp_of(FACETS_KEY, count_facets)


def store_facets() -> None:
    keep_stamped(FACETS_KEY, count_facets())


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
    facets = {
        "stamp": time.time_ns(),  # keys the filters' cached HTML (views.jobs.public.search)
        "skill_counts": dict(per_skill),
        "occupation_counts": per_occupation,
        "skill_choices": labelled_choices(skills, per_skill),
        "occupation_choices": labelled_choices(occupations, per_occupation),
    }
    for name in ("skill", "occupation"):  # the <option>s, rendered once (core.forms)
        facets[f"{name}_options"] = {}
        for language, labelled in facets[f"{name}_choices"].items():
            with translation.override(language):
                any_choice = ("", gettext("Any"))
            facets[f"{name}_options"][language] = options_html([any_choice, *labelled])
    return facets


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
