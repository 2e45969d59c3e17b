"""An employer's own jobs: list, create, edit, send for review, close.

Pages are for members of an employer organization (permissions.employer_member_required) and
load jobs through the organization's own scope, so another employer's jobs answer 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.core.confirm import ask_first
from apps.core.forms import first_error

from ... import selectors
from ...forms import JobForm, add_service_errors
from ...models import Job, JobStatus
from ...permissions import employer_member_required
from ...selectors import get_job, jobs_of
from ...services.jobs import close_job, save_job, submit_job


def _bound(request):
    """POST data for a POST (even an empty one), else None."""
    return request.POST if request.method == "POST" else None


@require_safe
@employer_member_required
def job_list(request, membership):
    organization = membership.organization
    return TemplateResponse(
        request,
        "employers/jobs/job_list.html",
        {
            "organization": organization,
            "jobs": selectors.employer_jobs(organization),
        },
    )


def _form_response(request, form, *, organization, job=None, title=None):
    """`title`: the job's saved title (the form changes the instance as it validates)."""
    return TemplateResponse(
        request,
        "employers/jobs/job_form.html",
        {"form": form, "organization": organization, "job": job, "job_title": title},
    )


@require_http_methods(["GET", "HEAD", "POST"])
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


@require_http_methods(["GET", "HEAD", "POST"])
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


@require_safe
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


@require_http_methods(["GET", "HEAD", "POST"])
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
