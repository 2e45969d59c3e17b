"""Who may open what in partners. Out-of-scope objects answer 404 (owner-scoped lookups).

- Referrals belong to a partner organization: only its members see them, and only the stage.
- A referred person sees the referrals linked to their account, and nobody else's.
- Events: any member of an approved organization, and staff, post them; the organization that
  holds an event (or staff, for the board's events) sees its RSVPs.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from apps.accounts.models import Membership, Organization, Role, User
from apps.accounts.permissions import role_required
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


def can_refer(membership: Membership) -> bool:
    return membership.organization.can_publish


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


def can_post_events(user: User) -> bool:
    if user.role == Role.STAFF:
        return True
    membership = membership_for(user)
    return membership is not None and membership.organization.can_publish


def organized_event(user: User, pk: int) -> Event:
    return get_object_or_404(organizer_scope(user), pk=pk)
