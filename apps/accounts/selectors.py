"""Reads for accounts' pages, and the owner-scoped lookup every organization page starts from."""

from django.db.models import Q

from .models import Invitation, Membership, Organization, User


def membership_for(user: User) -> Membership | None:
    """The signed-in user's membership (with its organization), or None."""
    if not user.is_authenticated:
        return None
    return user.memberships.select_related("organization").first()


def team_members(organization: Organization):
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("role", "user__last_name", "user__email")
    )


def team_users(organization: Organization) -> list:
    """The people who represent an organization: whom to tell about its news."""
    members = Membership.objects.filter(organization=organization).select_related("user")
    return [m.user for m in members]


def open_invitations(organization: Organization):
    return Invitation.objects.open().filter(organization=organization).select_related("invited_by")


def find_accounts(query: str, *, limit: int = 25):
    """Accounts whose email or name contains `query` (staff acting on a person's request)."""
    query = query.strip()
    return (
        User.objects.filter(
            Q(email__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
        .prefetch_related("memberships__organization")
        .order_by("email")[:limit]
    )
