"""Reads for the catalog, program pages and the provider's roster. Query counts stay flat."""

import time
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
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
from apps.skills.models import Occupation, Skill
from apps.skills.selectors import skill_synonyms

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
    provider: str = ""  # a name, or part of one (an id from older links)
    sort: str = "relevance"


CATALOG_CAP = 1000  # programs counted and paged; beyond it the count reads "1,000+"
FACETS_KEY = "trainings:catalog-facets:2"  # :2 — sorted per language, <option>s rendered


def _next_start(today):
    return Subquery(
        Cohort.objects.filter(program=OuterRef("pk"), enrollment_deadline__gte=today)
        .order_by("start_date")
        .values("start_date")[:1]
    )


def _filtered(filters: CatalogFilters, today) -> QuerySet[Program]:
    """Published programs passing every filter but the words."""
    programs = Program.objects.published()
    if filters.skill:
        programs = programs.filter(
            pk__in=Program.skills.through.objects.filter(skill_id=filters.skill).values(
                "program_id"
            )
        )
    if filters.occupation:
        programs = programs.filter(
            pk__in=Program.occupations.through.objects.filter(
                occupation_id=filters.occupation
            ).values("program_id")
        )
    if filters.format:
        programs = programs.filter(format=filters.format)
    if filters.schedule:
        programs = programs.filter(schedule=filters.schedule)
    if filters.language:
        programs = programs.filter(Q(language=filters.language) | Q(language="bilingual"))
    if filters.provider:
        programs = programs.filter(provider_id__in=_provider_ids(filters.provider))
    if filters.affordable:
        programs = programs.filter(Q(total_cost=0) | Q(wioa_eligible=True) | Q(scholarships=True))
    if filters.starts_within_weeks:
        latest = today + timedelta(weeks=filters.starts_within_weeks)
        programs = programs.filter(
            Exists(
                Cohort.objects.filter(
                    program=OuterRef("pk"),
                    enrollment_deadline__gte=today,
                    start_date__lte=latest,
                )
            )
        )
    return programs


def _in_order(programs: QuerySet[Program], sort: str, today) -> QuerySet[Program]:
    """Soonest (the default without words): the next class with enrollment open, programs
    without one last; cost; newest; title. Title and cost read indexes; soonest looks up each
    program's next class (an index lookup per published program passing the filters)."""
    by_title = [Lower("title"), "pk"]
    if sort == "cost":
        return programs.order_by("total_cost", *by_title)
    if sort == "newest":
        return programs.order_by(F("published_at").desc(), F("pk").desc())
    if sort == "title":
        return programs.order_by(*by_title)
    return programs.alias(next_start=_next_start(today)).order_by(
        F("next_start").asc(nulls_last=True), *by_title
    )


def _sliced(programs: QuerySet[Program]):
    return lambda offset, limit: list(
        programs.values_list("pk", flat=True)[offset : offset + limit]
    )


def catalog(filters: CatalogFilters) -> Hits:
    """Published programs matching the filters, for a Paginator (see core.search.Hits):
    counted up to CATALOG_CAP, each page read by one bounded query. Words rank as in the job
    search (core.search.ranked_ids); load a page's programs with `programs_in_order`."""
    today = timezone.localdate()
    programs = _filtered(filters, today)
    if not filters.q:
        return Hits.read(
            count=lambda cap: capped_count(programs, cap),
            page=_sliced(_in_order(programs, filters.sort, today)),
            cap=CATALOG_CAP,
        )
    if not is_postgresql():
        return _fallback_catalog(programs, filters, today)
    query = search_query(filters.q, synonyms=skill_synonyms(filters.q))
    if query is None:
        return Hits([])
    order = None  # best match
    if filters.sort in ("soonest", "cost", "newest", "title"):
        order = partial(_in_order, sort=filters.sort, today=today)
    narrow = bool(filters.skill or filters.occupation or filters.provider)
    return text_hits(
        programs, text=filters.q, query=query, cap=CATALOG_CAP, order=order, narrowed=narrow
    )


def _fallback_catalog(programs: QuerySet[Program], filters: CatalogFilters, today) -> Hits:
    """The embedded SQLite default: folded words by substring (core/search.py), at most
    CATALOG_CAP matches, titles holding every word first."""
    for alternatives in fallback_alternatives(filters.q):
        match = Q()
        for word in alternatives:
            match |= Q(title__icontains=word) | Q(skills_text__contains=word)
            match |= Q(summary__icontains=word) | Q(description__icontains=word)
        programs = programs.filter(match)
    sort = filters.sort if filters.sort != "relevance" else "newest"
    rows = list(_in_order(programs, sort, today).values_list("pk", "title")[: CATALOG_CAP + 1])
    more = len(rows) > CATALOG_CAP
    rows = rows[:CATALOG_CAP]
    if filters.sort == "relevance":
        tier = title_tier(filters.q)
        rows.sort(key=lambda row: tier(row[1]))  # stable: newest first inside a tier
    return Hits([pk for pk, _title in rows], more=more)


def catalog_version() -> str:
    """What the catalog's results change with: programs, their classes and organizations
    (a provider renamed, approved or withdrawn) — `core.fragments.data_version`."""
    return data_version(Program, Cohort, Organization)


def card_versions(ids: list[int]) -> dict[int, tuple]:
    """{id: (title, updated_at, the provider's updated_at, the next class's start)} of
    programs: what a cached card of the program is keyed by (a change makes a new card)."""
    if not ids:
        return {}
    today = timezone.localdate()
    return {
        pk: rest
        for pk, *rest in Program.objects.filter(pk__in=ids)
        .annotate(next_start=_next_start(today))
        .values_list("pk", "title", "updated_at", "provider__updated_at", "next_start")
    }


def programs_in_order(ids: list[int]) -> list[Program]:
    """The programs of a catalog page, with what their cards show, in the order given."""
    today = timezone.localdate()
    upcoming = Cohort.objects.filter(enrollment_deadline__gte=today).with_seats_taken()
    found = (
        Program.objects.filter(pk__in=ids)
        .select_related("provider")
        .annotate(next_start=_next_start(today))
        .prefetch_related(
            "skills",
            Prefetch("cohorts", queryset=upcoming.order_by("start_date"), to_attr="open_cohorts"),
        )
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]


def catalog_choices() -> dict:
    """The catalog's filter choices: skills and occupations of published programs. Read
    from the cache; `store_facets` runs in a task after cohort_published (receivers.py) and
    hourly; a request computes them only when the cache has nothing."""
    return read_stamped(FACETS_KEY, _catalog_choices)


def facets_stamp() -> int:
    """When the choices were last read, without them: keys the filters' cached HTML."""
    return stamp_of(FACETS_KEY, _catalog_choices)


def store_facets() -> None:
    keep_stamped(FACETS_KEY, _catalog_choices())


def _catalog_choices() -> dict:
    """The skills and occupations of published programs, as the filters' choices in each
    language, sorted by label, and their <option>s rendered once (core.forms)."""
    published = Program.objects.published().values("pk")
    rows = {
        "skill": Skill.objects.filter(
            pk__in=Program.skills.through.objects.filter(program__in=published).values("skill_id")
        ).values_list("pk", "name_en", "name_es"),
        "occupation": Occupation.objects.filter(
            pk__in=Program.occupations.through.objects.filter(program__in=published).values(
                "occupation_id"
            )
        ).values_list("pk", "title_en", "title_es"),
    }
    choices = {"stamp": time.time_ns()}  # keys the filters' cached HTML (views.public.catalog)
    for name, found in rows.items():
        found = list(found)
        choices[f"{name}_choices"], choices[f"{name}_options"] = {}, {}
        for language, _name in settings.LANGUAGES:
            labelled = sorted(
                ((pk, (es or en) if language == "es" else en) for pk, en, es in found),
                key=lambda choice: choice[1].casefold(),
            )
            with translation.override(language):
                any_choice = ("", gettext("Any"))
            choices[f"{name}_choices"][language] = labelled
            choices[f"{name}_options"][language] = options_html([any_choice, *labelled])
    return choices


def _provider_ids(name: str) -> list[int]:
    if name.isdigit():  # links from before the field took a name
        return [int(name)]
    return list(
        Organization.objects.filter(kind=Organization.Kind.PROVIDER, name__icontains=name)
        .order_by("name")
        .values_list("pk", flat=True)[:100]
    )


def providers_named(text: str, *, limit: int = 10) -> list[str]:
    """Names of providers with published programs that contain `text`, for the field."""
    text = text.strip()
    if not text:
        return []
    return list(
        Organization.objects.filter(name__icontains=text)
        .filter(Exists(Program.objects.published().filter(provider=OuterRef("pk"))))
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )


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
