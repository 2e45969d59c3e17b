"""Who may manage employers' rows, in one place.

- Employer pages are for signed-in members of an employer organization; anyone else signed
  in gets 403, anonymous visitors are sent to sign in.
- An employer reaches only its own jobs (and, through them, their applications): anything
  else answers 404, as if it did not exist.
- A job seeker reaches only their own applications.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.accounts.models import Membership, Organization, Role
from apps.accounts.permissions import membership_for, role_required

from .models import Application, Job


def employer_member_required(view):
    """Passes the user's `membership` (of an employer organization) to the view."""

    @wraps(view)
    @role_required(Role.EMPLOYER)
    def wrapper(request, *args, **kwargs):
        membership = membership_for(request.user)
        if membership is None or membership.organization.kind != Organization.Kind.EMPLOYER:
            raise PermissionDenied
        request._techhire_membership = membership  # the header reuses it: one query less
        return view(request, *args, membership=membership, **kwargs)

    return wrapper


# ---------------------------------------------------------------------------
# Jobs
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
