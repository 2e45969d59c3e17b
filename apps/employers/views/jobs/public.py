"""Jobs for everyone: the public search and the job page (its apply form included)."""

from dataclasses import dataclass, replace

from django.core.paginator import Paginator
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from apps.accounts.models import Role
from apps.core.fragments import (
    cached_block,
    cached_fragments,
    form_key,
    fragment_key,
    render_each,
)
from apps.core.jsonld import script_json
from apps.core.search_pages import search_response
from apps.seekers.models import Resume

from ... import search_orders, selectors
from ...forms import ApplyForm, JobSearchForm
from ...jsonld import job_posting
from ...models import Job

PAGE_SIZE = 20


def _clean_query(params) -> str:
    """Only the filters in use: a shareable address."""
    clean = params.copy()
    for key, value in list(clean.items()):
        if (
            not value
            or (key, value) == ("sort", "relevance")
            or (key == "pay_unit" and not params.get("pay_from"))
        ):
            clean.pop(key)
    return clean.urlencode()


@require_safe
def search(request):
    # Orders that apps above add (search_orders.py), for the people they are meant for.
    orders = {order.value: order for order in search_orders.orders_offered_to(request.user)}
    # Built only when something is not in the cache: the results or the filters' HTML.
    form = SimpleLazyObject(
        lambda: JobSearchForm(
            request.GET or None, choices=selectors.search_choices(), orders=orders.values()
        )
    )

    def filters():
        return form.filters() if form.is_bound else selectors.JobFilters()

    order = orders.get(request.GET.get("sort", ""))
    if order:  # the person's own order: their notes on the cards, never cached
        results = _ordered_results(request, replace(filters(), sort="relevance"), order)
    else:  # the same for everyone asking the same: cached until a job or employer changes
        results = cached_block(
            "job-results",
            selectors.search_version(),
            request.GET,
            lambda: _results(request, filters()),
        )
    return search_response(
        request,
        "employers/jobs/search.html",
        form=form,
        # The filters' HTML is cached too (includes/search_page.html): it changes with the
        # facets, the request's parameters and the orders offered.
        form_key=form_key(selectors.facets_stamp(), request.GET, orders),
        results=results,
        clean_query=_clean_query(request.GET),
    )


def _results(request, filters) -> str:
    hits = selectors.job_search(filters)
    page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = job_cards(list(page.object_list))
    return _render_results(request, page, more=hits.more)


def _ordered_results(request, filters, order) -> str:
    """The results come in search order; the upper app's order sorts every one up to the
    cap, and notes each card for the person searching."""
    hits = selectors.job_search(filters)
    ordered = order.order(request.user, hits.ids)
    page = Paginator(ordered.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = noted_cards(list(page.object_list), ordered.notes, order.note_template)
    return _render_results(request, page, more=hits.more)


def _render_results(request, page, *, more: bool) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "employers/jobs/_results.html",
        {
            "page": page,
            "more": more,
            "cap": selectors.SEARCH_CAP,
            "filtered": any(
                v for k, v in request.GET.items() if k not in ("page", "sort", "pay_unit")
            ),
            "query": query.urlencode(),
        },
    )


@dataclass
class Card:
    """A job of a results page: its title and its card's HTML."""

    pk: int
    title: str
    html: str


def job_cards(ids: list[int]) -> list[Card]:
    """The cards of a results page in the order of `ids`, from the cache (core.fragments);
    only the jobs whose cards are missing are loaded and rendered."""
    versions = selectors.card_versions(ids)
    keys = {
        pk: fragment_key("job-card", pk, updated, employer_updated)
        for pk, (_title, updated, employer_updated) in versions.items()
    }
    html = cached_fragments(
        keys,
        lambda missing: render_each(
            "employers/_job_card.html", "job", selectors.jobs_in_order(missing)
        ),
    )
    return [Card(pk, versions[pk][0], html[pk]) for pk in ids if pk in html]


def noted_cards(ids: list[int], notes: dict, note_template: str) -> list[Card]:
    """The cards of a page in an upper app's order, each with that order's note for the
    person searching (not cached: the note is theirs)."""
    return [
        Card(
            job.pk,
            job.title,
            render_to_string(
                "employers/_job_card.html",
                {"job": job, "note": notes.get(job.pk), "note_template": note_template},
            ),
        )
        for job in selectors.jobs_in_order(ids)
    ]


@require_safe
def employer_options(request):
    """The employer field's suggestions: <option>s for its <datalist> (htmx), or a short
    page listing them without JavaScript."""
    names = selectors.employers_named(request.GET.get("employer", "")[:200])
    return TemplateResponse(request, "includes/_name_options.html", {"names": names})


def job_context(request, job: Job, **extra) -> dict:
    context = {
        "job": job,
        "jsonld": script_json(job_posting(job, request)),
        "apply_form": ApplyForm(),
        "application": None,
        "resume": None,
    }
    user = request.user
    if user.is_authenticated and user.role == Role.SEEKER:
        context["application"] = selectors.application_of(user, job)
        context["resume"] = Resume.objects.filter(profile__user=user).first()
    context.update(extra)
    return context


def open_job_or_404(slug: str) -> Job:
    try:
        return selectors.job_page(slug)
    except Job.DoesNotExist:
        raise Http404 from None


@require_safe
def job_page(request, slug):
    job = open_job_or_404(slug)
    return TemplateResponse(request, "employers/jobs/job.html", job_context(request, job))
