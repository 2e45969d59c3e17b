"""Who may manage trainings, in one place.

- Managing pages are for signed-in members of a training-provider organization; anyone
  else signed in gets 403, anonymous visitors are sent to sign in.
- Owner-scoped lookups (a provider's own programs, cohorts and enrollments, a seeker's own
  enrollments; anything else answers 404) are in `selectors`.
- The roster and enrollment decisions (other people's data) use `approved_provider_required`:
  they close when the organization is not approved now
  (accounts.permissions.approved_organization_required). Programs and classes stay open.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from apps.accounts.models import Organization, Role
from apps.accounts.permissions import approved_organization_required, role_required
from apps.accounts.selectors import membership_for


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


def approved_provider_required(view):
    """Like `provider_member_required`, for pages with other people's data."""
    return provider_member_required(approved_organization_required(view))
