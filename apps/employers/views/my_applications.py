"""The seeker's own job applications, newest first (withdrawing one: views/jobs.py)."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from apps.seekers.permissions import seeker_required

from ..models import OPEN_STATUSES
from ..selectors import my_applications as applications_of


@require_safe
@seeker_required
def my_applications(request):
    return TemplateResponse(
        request,
        "employers/applications/mine.html",
        {"applications": applications_of(request.user), "open_statuses": OPEN_STATUSES},
    )
