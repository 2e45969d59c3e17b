"""Jobs for job seekers: applying and withdrawing an application."""

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import role_required
from apps.core.confirm import ask_first
from apps.core.forms import first_error

from ... import selectors
from ...forms import ApplyForm
from ...models import OPEN_STATUSES, Job
from ...selectors import own_application_or_404
from ...services.applications import apply_to_job, withdraw_application
from .public import job_context, open_job_or_404


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
            return redirect("employers:my_applications")
    job = open_job_or_404(slug)
    return TemplateResponse(
        request,
        "employers/jobs/job.html",
        job_context(request, job, apply_form=form),
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
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
        return TemplateResponse(request, "employers/applications/mine.html", context, status=400)

    if application.status not in OPEN_STATUSES:
        problem = _("You can no longer withdraw this application: it is marked “%(status)s”.") % {
            "status": application.get_status_display()
        }
        if request.method == "GET":
            messages.error(request, problem)
            return redirect("employers:my_applications")
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
    return redirect("employers:my_applications")
