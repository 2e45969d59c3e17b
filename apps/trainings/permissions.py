"""Who may manage trainings, in one place.

- Managing pages are for signed-in members of a training-provider organization; anyone
  else signed in gets 403, anonymous visitors are sent to sign in.
- A provider reaches only its own programs, cohorts and enrollments: anything else
  answers 404, as if it did not exist.
- A seeker reaches only their own enrollments (`own_enrollment_or_404`).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.accounts.models import Membership, Organization, Role
from apps.accounts.permissions import membership_for, role_required

from .models import Cohort, Enrollment, Program


def provider_member_required(view):
    """Passes the user's `membership` (of a provider organization) to the view."""

    @wraps(view)
    @role_required(Role.PROVIDER)
    def wrapper(request, *args, **kwargs):
        membership = membership_for(request.user)
        if membership is None or membership.organization.kind != Organization.Kind.PROVIDER:
            raise PermissionDenied
        request._techhire_membership = membership  # the header reuses it: one query less
        return view(request, *args, membership=membership, **kwargs)

    return wrapper


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
