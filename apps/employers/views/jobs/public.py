"""Jobs for everyone: the public search and the job page (its apply form included)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from django_htmx.http import push_url

from apps.accounts.models import Role
from apps.core.jsonld import script_json
from apps.seekers.models import Resume

from ... import selectors
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


@require_GET
def search(request):
    form = JobSearchForm(request.GET or None, choices=selectors.search_choices())
    filters = form.filters() if form.is_bound else selectors.JobFilters()
    hits = selectors.job_search(filters)
    page = Paginator(hits.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.jobs_in_order(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "more": hits.more,
        "cap": selectors.SEARCH_CAP,
        "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort", "pay_unit")),
        "query": query.urlencode(),
    }
    if request.htmx and not request.htmx.boosted:
        response = TemplateResponse(request, "employers/jobs/_results.html", context)
        clean = _clean_query(request.GET)
        return push_url(response, f"{request.path}?{clean}" if clean else request.path)
    return TemplateResponse(request, "employers/jobs/search.html", context)


@require_GET
def employer_options(request):
    """The employer field's suggestions: <option>s for its <datalist> (htmx), or a short
    page listing them without JavaScript."""
    names = selectors.employers_named(request.GET.get("employer", "")[:200])
    return TemplateResponse(request, "employers/jobs/_employer_options.html", {"names": names})


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


@require_GET
def job_page(request, slug):
    job = open_job_or_404(slug)
    return TemplateResponse(request, "employers/jobs/job.html", job_context(request, job))
