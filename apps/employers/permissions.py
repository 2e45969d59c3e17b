"""Who may manage employers' rows, in one place.

- Employer pages are for signed-in members of an employer organization; anyone else signed
  in gets 403, anonymous visitors are sent to sign in.
- Owner-scoped lookups (an employer's own jobs and applications, a seeker's own
  applications; anything else answers 404) are in `selectors`.
- Pages with other people's data (the applicant pipeline, applicants, resumes, the CSV
  export, talent search, hires) use `approved_employer_required`: they close when the
  organization is not approved now (accounts.permissions.approved_organization_required).
  Its jobs, drafts and pledges stay open.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from apps.accounts.models import Organization, Role
from apps.accounts.permissions import approved_organization_required, role_required
from apps.accounts.selectors import membership_for


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


def approved_employer_required(view):
    """Like `employer_member_required`, for pages with other people's data."""
    return employer_member_required(approved_organization_required(view))
