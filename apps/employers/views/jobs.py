"""Jobs: the public search and job pages, applying and withdrawing, an employer's own jobs,
and staff review of new postings.

Employer pages are for members of an employer organization (permissions.employer_member_required)
and load jobs through the organization's own scope, so another employer's jobs answer 404.
GET never changes anything; bad input answers 400 with the reason, and nothing is saved.
"""

import json
import re
from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import push_url

from apps.accounts.models import Role
from apps.accounts.permissions import role_required, staff_required
from apps.core.confirm import ask_first
from apps.core.forms import first_error
from apps.seekers.models import Resume

from .. import selectors
from ..forms import ApplyForm, JobForm, JobSearchForm, SendBackForm, add_service_errors
from ..models import OPEN_STATUSES, Job, JobStatus, PayUnit, WorkSetting
from ..permissions import employer_member_required, get_job, jobs_of, own_application_or_404
from ..services.applications import apply_to_job, withdraw_application
from ..services.jobs import approve_job, close_job, save_job, send_back_job, submit_job

PAGE_SIZE = 20


def _bound(request):
    """POST data for a POST (even an empty one), else None."""
    return request.POST if request.method == "POST" else None


# ---------------------------------------------------------------------------
# The public search
# ---------------------------------------------------------------------------
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
    page = Paginator(selectors.job_search(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort", "pay_unit")),
        "query": query.urlencode(),
    }
    if request.htmx and not request.htmx.boosted:
        response = TemplateResponse(request, "employers/jobs/_results.html", context)
        clean = _clean_query(request.GET)
        return push_url(response, f"{request.path}?{clean}" if clean else request.path)
    return TemplateResponse(request, "employers/jobs/search.html", context)


# ---------------------------------------------------------------------------
# The job page and its structured data (schema.org JobPosting)
# ---------------------------------------------------------------------------
EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "internship": "INTERN",
    "apprenticeship": "OTHER",
}
# In an HTML <script> element, "</script>" or "<!--" in a value must not end the element.
JSON_IN_HTML = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
CITY_STATE = re.compile(r"^\s*(?P<city>[^,]+?)\s*,\s*(?P<state>[A-Za-z]{2})\s*$")


def _address(location: str) -> dict:
    match = CITY_STATE.match(location or "")
    city, state = (match["city"], match["state"].upper()) if match else ("El Paso", "TX")
    return {
        "@type": "PostalAddress",
        "addressLocality": city,
        "addressRegion": state,
        "addressCountry": "US",
    }


def job_posting(job: Job, request) -> dict:
    """The job as schema.org JobPosting data, for search engines' job listings."""
    tz = timezone.get_current_timezone()
    posted = timezone.localtime(job.published_at or job.created_at, tz)
    employer = job.employer
    organization = {
        "@type": "Organization",
        "name": employer.name,
        "url": request.build_absolute_uri(reverse("accounts:public", args=[employer.slug])),
    }
    if employer.website:
        organization["sameAs"] = employer.website
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description,
        "url": request.build_absolute_uri(reverse("employers:job", args=[job.slug])),
        "identifier": {"@type": "PropertyValue", "name": employer.name, "value": str(job.pk)},
        "datePosted": posted.date().isoformat(),
        "validThrough": datetime.combine(job.closes_on, time(23, 59, 59), tzinfo=tz).isoformat(),
        "employmentType": EMPLOYMENT_TYPES.get(job.employment_type, "OTHER"),
        "hiringOrganization": organization,
        "occupationalCategory": f"{job.occupation.soc_code} {job.occupation.title_en}",
        "skills": ", ".join(skill.name_en for skill in job.required_skills.all()),
        "totalJobOpenings": job.openings,
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": float(job.pay_min),
                "maxValue": float(job.pay_max),
                "unitText": "HOUR" if job.pay_unit == PayUnit.HOUR else "YEAR",
            },
        },
        "directApply": True,
    }
    if job.work_setting == WorkSetting.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "US"}
    else:
        data["jobLocation"] = {"@type": "Place", "address": _address(job.location)}
    if not job.degree_required:
        data["educationRequirements"] = "no requirements"
    return data


def jsonld(data: dict) -> str:
    """JSON safe to place inside <script type="application/ld+json"> (no "<", ">", "&")."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML)


def _job_context(request, job: Job, **extra) -> dict:
    context = {
        "job": job,
        "jsonld": jsonld(job_posting(job, request)),
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


def _open_job_or_404(slug: str) -> Job:
    try:
        return selectors.job_page(slug)
    except Job.DoesNotExist:
        raise Http404 from None


@require_GET
def job_page(request, slug):
    job = _open_job_or_404(slug)
    return TemplateResponse(request, "employers/jobs/job.html", _job_context(request, job))


# ---------------------------------------------------------------------------
# Applying and withdrawing (job seekers)
# ---------------------------------------------------------------------------
@require_POST
@role_required(Role.SEEKER)
def apply(request, slug):
    job = get_object_or_404(Job.objects.published(), slug=slug)
    try:
        form = ApplyForm(request.POST)
    except RequestDataTooBig:
        form = ApplyForm({})
        form.is_valid()
        form.add_error("note", _("Keep your note to 2,000 characters or fewer."))
    status = 400
    if form.is_valid():
        try:
            apply_to_job(seeker=request.user, job=job, note=form.cleaned_data["note"])
        except ValidationError as exc:
            if exc.code == "closed":
                raise Http404 from None
            form.add_error(None, first_error(exc))
            status = 409 if exc.code == "duplicate" else 400
        else:
            messages.success(
                request,
                _(
                    "You applied to %(title)s at %(employer)s. You will see every update "
                    "from the employer here."
                )
                % {"title": job.title, "employer": job.employer.name},
            )
            return redirect("seekers:applications")
    job = _open_job_or_404(slug)
    return TemplateResponse(
        request,
        "employers/jobs/job.html",
        _job_context(request, job, apply_form=form),
        status=status,
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.SEEKER)
def withdraw(request, pk):
    """GET asks "are you sure?" (withdrawing can't be undone); the POST from that page withdraws."""
    application = own_application_or_404(request.user, pk)

    def applications_response(error: str):
        context = {
            "applications": selectors.my_applications(request.user),
            "open_statuses": OPEN_STATUSES,
            "error": error,
        }
        return TemplateResponse(request, "seekers/applications.html", context, status=400)

    if application.status not in OPEN_STATUSES:
        problem = _("You can no longer withdraw this application: it is marked “%(status)s”.") % {
            "status": application.get_status_display()
        }
        if request.method == "GET":
            messages.error(request, problem)
            return redirect("seekers:applications")
        return applications_response(problem)
    asking = ask_first(
        request,
        "seekers/application_withdraw.html",
        {"application": application, "job": application.job},
        refused=_("Nothing changed: press “Yes, withdraw my application” to withdraw it."),
    )
    if asking is not None:
        return asking
    try:
        withdraw_application(application=application, seeker=request.user)
    except ValidationError as exc:  # moved on meanwhile, by the employer
        return applications_response(first_error(exc))
    messages.success(
        request,
        _("You withdrew your application to %(title)s at %(employer)s.")
        % {"title": application.job.title, "employer": application.job.employer.name},
    )
    return redirect("seekers:applications")


# ---------------------------------------------------------------------------
# The employer's own jobs
# ---------------------------------------------------------------------------
@require_GET
@employer_member_required
def job_list(request, membership):
    organization = membership.organization
    return TemplateResponse(
        request,
        "employers/jobs/job_list.html",
        {
            "organization": organization,
            "jobs": selectors.employer_jobs(organization),
            "today": timezone.localdate(),
        },
    )


def _form_response(request, form, *, organization, job=None, title=None):
    """`title`: the job's saved title (the form changes the instance as it validates)."""
    return TemplateResponse(
        request,
        "employers/jobs/job_form.html",
        {"form": form, "organization": organization, "job": job, "job_title": title},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@employer_member_required
def job_create(request, membership):
    organization = membership.organization
    form = JobForm(_bound(request), instance=Job(employer=organization))
    if request.method == "POST" and form.is_valid():
        try:
            job = save_job(employer=organization, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("“%(title)s” is saved as a draft. Send it for review when it is ready.")
                % {"title": job.title},
            )
            return redirect("employers:job_detail", pk=job.pk)
    return _form_response(request, form, organization=organization)


@require_http_methods(["GET", "POST"])
@employer_member_required
def job_edit(request, pk, membership):
    job = get_job(membership, pk)
    title, was_published = job.title, job.status == JobStatus.PUBLISHED
    if job.status == JobStatus.CLOSED:
        messages.error(request, _("A closed job cannot be edited. Post a new one instead."))
        return redirect("employers:job_detail", pk=job.pk)
    form = JobForm(_bound(request), instance=job)
    if request.method == "POST" and form.is_valid():
        try:
            save_job(
                employer=membership.organization,
                job=job,
                actor=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if was_published:
                message = _(
                    "Your changes to “%(title)s” are saved. The job is back in review: job "
                    "seekers see it again once Workforce Solutions Borderplex approves it."
                )
            else:
                message = _("Your changes to “%(title)s” are saved.")
            messages.success(request, message % {"title": job.title})
            return redirect("employers:job_detail", pk=job.pk)
    return _form_response(request, form, organization=membership.organization, job=job, title=title)


def _detail_response(request, membership, pk: int, *, status: int = 200):
    try:
        job = selectors.job_with_skills(jobs_of(membership), pk)
    except Job.DoesNotExist:
        raise Http404 from None
    context = {
        "job": job,
        "organization": job.employer,
        "is_public": job.is_open and job.employer.can_publish,
        "is_expired": job.status == JobStatus.PUBLISHED and not job.is_open,
    }
    return TemplateResponse(request, "employers/jobs/job_detail.html", context, status=status)


@require_GET
@employer_member_required
def job_detail(request, pk, membership):
    return _detail_response(request, membership, pk)


@require_POST
@employer_member_required
def job_submit(request, pk, membership):
    job = get_job(membership, pk)
    try:
        submit_job(job=job)
    except ValidationError as exc:
        messages.error(request, first_error(exc))
        return _detail_response(request, membership, job.pk, status=400)
    messages.success(
        request,
        _(
            "“%(title)s” is sent for review. We will email your team when Workforce "
            "Solutions Borderplex publishes it or asks for changes."
        )
        % {"title": job.title},
    )
    return redirect("employers:job_detail", pk=job.pk)


@require_http_methods(["GET", "POST"])
@employer_member_required
def job_close(request, pk, membership):
    """GET asks "are you sure?" (closing can't be undone); the POST from that page closes."""
    job = get_job(membership, pk)
    if job.status == JobStatus.CLOSED:
        messages.error(request, _("This job is already closed."))
        if request.method == "GET":
            return redirect("employers:job_detail", pk=job.pk)
        return _detail_response(request, membership, job.pk, status=400)
    asking = ask_first(
        request,
        "employers/jobs/job_close.html",
        {"job": job, "organization": job.employer},
        refused=_("The job is still open: press “Yes, close the job” to close it."),
    )
    if asking is not None:
        return asking
    try:
        close_job(job=job)
    except ValidationError as exc:  # closed meanwhile, by a teammate or the nightly task
        messages.error(request, first_error(exc))
        return _detail_response(request, membership, job.pk, status=400)
    messages.success(
        request,
        _("“%(title)s” is closed. Job seekers can no longer apply; your applicants stay.")
        % {"title": job.title},
    )
    return redirect("employers:job_detail", pk=job.pk)


# ---------------------------------------------------------------------------
# Staff: review of new and changed jobs
# ---------------------------------------------------------------------------
@require_GET
@staff_required
def review_queue(request):
    return TemplateResponse(
        request, "employers/jobs/staff/queue.html", {"jobs": selectors.review_queue()}
    )


def _review_response(request, pk: int, *, form=None, status: int = 200):
    try:
        job = selectors.job_with_skills(Job.objects.all(), pk)
    except Job.DoesNotExist:
        raise Http404 from None
    context = {"job": job, "organization": job.employer, "form": form or SendBackForm()}
    return TemplateResponse(request, "employers/jobs/staff/review.html", context, status=status)


@require_GET
@staff_required
def review(request, pk):
    return _review_response(request, pk)


@require_POST
@staff_required
def review_approve(request, pk):
    job = get_object_or_404(Job.objects.select_related("employer"), pk=pk)
    try:
        approve_job(job=job, reviewer=request.user)
    except ValidationError as exc:
        messages.error(request, first_error(exc))
        return redirect("employers:job_review", pk=job.pk)
    messages.success(
        request,
        _("“%(title)s” is published. We let %(employer)s know.")
        % {"title": job.title, "employer": job.employer.name},
    )
    return redirect("employers:job_queue")


@require_POST
@staff_required
def review_send_back(request, pk):
    job = get_object_or_404(Job.objects.select_related("employer"), pk=pk)
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            send_back_job(job=job, reviewer=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error(None, first_error(exc))
        else:
            messages.success(
                request,
                _("“%(title)s” is sent back to %(employer)s with your note.")
                % {"title": job.title, "employer": job.employer.name},
            )
            return redirect("employers:job_queue")
    return _review_response(request, job.pk, form=form, status=400)
