"""Who may open what in partners. Out-of-scope objects answer 404 (owner-scoped lookups).

- Referrals belong to a partner organization: only its members see them, and only the stage.
- A referred person sees the referrals linked to their account, and nobody else's.
- Events: any member of an approved organization, and staff, post them; the organization that
  holds an event (or staff, for the board's events) sees its RSVPs.
- Pages with other people's data (referrals, their CSV files and imports, the dashboard,
  RSVPs) are for organizations approved now: `approved_partner_required` and
  `approved_organizer_required` (accounts.permissions.approved_organization_required). The
  blank CSV template, the organizer's own events list and event forms stay open.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from apps.accounts.models import Membership, Organization, Role, User
from apps.accounts.permissions import (
    approved_organization_required,
    can_see_people,
    not_approved_response,
    role_required,
)
from apps.accounts.selectors import membership_for

from .models import Event, Referral, ReferralImport


def partner_member_required(view):
    """Pages of a partner organization; passes `membership` to the view."""

    @wraps(view)
    @role_required(Role.PARTNER)
    def wrapper(request, *args, **kwargs):
        membership = membership_for(request.user)
        if membership is None or membership.organization.kind != Organization.Kind.PARTNER:
            raise PermissionDenied
        return view(request, *args, membership=membership, **kwargs)

    return wrapper


def approved_partner_required(view):
    """Like `partner_member_required`, for pages with other people's data."""
    return partner_member_required(approved_organization_required(view))


def referral_of_partner(membership: Membership, pk: int) -> Referral:
    return get_object_or_404(Referral, pk=pk, partner=membership.organization)


def import_of_partner(membership: Membership, pk: int) -> ReferralImport:
    return get_object_or_404(ReferralImport, pk=pk, partner=membership.organization)


def referral_of_person(user: User, pk: int) -> Referral:
    return get_object_or_404(Referral.objects.select_related("partner"), pk=pk, person=user)


ORGANIZER_ROLES = (Role.EMPLOYER, Role.PROVIDER, Role.PARTNER, Role.STAFF)
organizer_required = role_required(*ORGANIZER_ROLES)


def organizer_scope(user: User):
    """The events this person organizes: their organization's, or the board's for staff."""
    if user.role == Role.STAFF:
        return Event.objects.filter(organization__isnull=True)
    membership = membership_for(user)
    if membership is None:
        return Event.objects.none()
    return Event.objects.filter(organization=membership.organization)


def approved_organizer_required(view):
    """Organizer pages with other people's data (RSVPs): staff, or an approved organization."""

    @wraps(view)
    @organizer_required
    def wrapper(request, *args, **kwargs):
        if request.user.role != Role.STAFF:
            membership = membership_for(request.user)
            if membership is None:
                raise PermissionDenied
            if not can_see_people(membership.organization):
                return not_approved_response(request, membership.organization)
        return view(request, *args, **kwargs)

    return wrapper


def can_post_events(user: User) -> bool:
    if user.role == Role.STAFF:
        return True
    membership = membership_for(user)
    return membership is not None and membership.organization.can_publish


def organized_event(user: User, pk: int) -> Event:
    return get_object_or_404(organizer_scope(user), pk=pk)
