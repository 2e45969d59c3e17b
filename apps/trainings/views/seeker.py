"""The seeker's side of trainings: the classes they applied to, and withdrawing from one.

Every view is for the signed-in seeker and their own enrollments only (others answer 404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from apps.core.confirm import ask_first
from apps.core.forms import first_error
from apps.seekers.permissions import seeker_required

from .. import selectors, services
from ..models import EnrollmentStatus

WITHDRAWABLE = (EnrollmentStatus.APPLIED, EnrollmentStatus.ACCEPTED, EnrollmentStatus.ENROLLED)


def _trainings_response(request, error=None, status=200):
    return TemplateResponse(
        request,
        "trainings/seeker/mine.html",
        {
            "enrollments": selectors.my_enrollments(request.user),
            "withdrawable": WITHDRAWABLE,
            "error": error,
        },
        status=status,
    )


@require_safe
@seeker_required
def my_trainings(request):
    return _trainings_response(request)


@require_http_methods(["GET", "HEAD", "POST"])
@seeker_required
def withdraw(request, pk):
    """GET asks "are you sure?" (withdrawing can't be undone); the POST from that page withdraws.

    Like closing a job (apps/employers/views/jobs.py job_close): only a POST with
    `confirm=yes`, sent by the confirmation page's button, changes anything.
    """
    enrollment = selectors.own_enrollment_or_404(request.user, pk)
    if enrollment.status not in WITHDRAWABLE:
        problem = _("You can no longer withdraw from this class: it is marked “%(status)s”.") % {
            "status": enrollment.get_status_display()
        }
        if request.method == "GET":
            messages.error(request, problem)
            return redirect("trainings:mine")
        return _trainings_response(request, error=problem, status=400)
    asking = ask_first(
        request,
        "trainings/seeker/withdraw.html",
        {"enrollment": enrollment, "cohort": enrollment.cohort},
        refused=_("Nothing changed: press “Yes, withdraw from this class” to withdraw."),
    )
    if asking is not None:
        return asking
    try:
        services.withdraw(enrollment=enrollment, seeker=request.user)
    except ValidationError as exc:  # decided on meanwhile, by the provider
        return _trainings_response(request, error=first_error(exc), status=400)
    messages.success(
        request,
        _("You withdrew from %(program)s. Your seat goes to someone else.")
        % {"program": enrollment.cohort.program.title},
    )
    return redirect("trainings:mine")
