"""Staff review of new and changed jobs: the queue, a job's review page, approve, send back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from apps.accounts.permissions import staff_required
from apps.core.forms import first_error

from ... import selectors
from ...forms import SendBackForm
from ...models import Job
from ...services.jobs import approve_job, send_back_job


@require_safe
@staff_required
def review_queue(request):
    return TemplateResponse(
        request, "employers/jobs/staff/queue.html", {"jobs": selectors.review_queue()}
    )


def _review_response(request, pk: int, *, form=None):
    try:
        job = selectors.job_with_skills(Job.objects.all(), pk)
    except Job.DoesNotExist:
        raise Http404 from None
    context = {"job": job, "organization": job.employer, "form": form or SendBackForm()}
    return TemplateResponse(request, "employers/jobs/staff/review.html", context)


@require_safe
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
    return _review_response(request, job.pk, form=form)  # 400: FormErrorStatusMiddleware
