"""Who may open what, in one place. Views use these decorators and helpers only.

- Anonymous users asking for a restricted page go to the login page.
- A signed-in user of the wrong role gets 403 (the page exists, it is not for them).
- Objects outside the user's organization answer 404: each app's `selectors` holds its
  owner-scoped lookups (`get_job`, `get_program`, `own_enrollment_or_404`...).
- Pages that show or act on other people's data (applicants, resumes, rosters, referrals,
  matches, hires, RSVPs) are for organizations approved *now*: each app's permissions.py
  builds its `approved_…_required` decorator on `approved_organization_required`. When staff
  withdraw an approval, those pages close at once; a pending organization never has them.
  The member gets 403 with a page saying why (accounts/not_approved.html), not 404: the page
  is about their own organization, and says nothing about whose rows the address names.
"""

import time
from functools import wraps

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.reauthentication import is_reauthentication_required
from allauth.core.exceptions import ReauthenticationRequired
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .models import Membership, Organization, Role, User
from .selectors import membership_for

ORGANIZATION_ROLES = (Role.EMPLOYER, Role.PROVIDER, Role.PARTNER, Role.STAFF)


def is_staff_account(user: User) -> bool:
    """Board staff, or anyone who may open the Django admin."""
    return user.is_authenticated and (user.role == Role.STAFF or user.is_staff)


def staff_needs_mfa_setup(user: User) -> bool:
    """True when a staff member must add an authenticator app before staff pages open."""
    return settings.STAFF_MFA_REQUIRED and is_staff_account(user) and not is_mfa_enabled(user)


def redirect_to_mfa_setup(request):
    messages.warning(
        request,
        _(
            "Staff pages hold people's personal information. Set up an authenticator app "
            "to continue."
        ),
    )
    return redirect("mfa_activate_totp")


def role_required(*roles: str):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if request.user.role not in roles:
                raise PermissionDenied
            if Role.STAFF in roles and staff_needs_mfa_setup(request.user):
                return redirect_to_mfa_setup(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = role_required(Role.STAFF)


def hidden_staff_page(view):
    """A staff page that does not exist for anyone else signed in: 404, not 403 (the goal
    dashboard, the audit trail). Anonymous visitors are sent to sign in; staff set up MFA."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.role == Role.STAFF):
            raise Http404
        if staff_needs_mfa_setup(user):
            return redirect_to_mfa_setup(request)
        return view(request, *args, **kwargs)

    return wrapper


# ---------------------------------------------------------------------------
# A fresh authenticator check for staff decisions on people's data
# ---------------------------------------------------------------------------
MFA_CHECKED_AT = "techhire_mfa_checked_at"  # session key: when an authenticator code last passed


def record_mfa_check(session) -> None:
    """An authenticator code (or recovery code) passed now: at sign-in or to confirm access
    (accounts.receivers hears allauth's `authenticator_used`)."""
    session[MFA_CHECKED_AT] = time.time()


def has_fresh_mfa_check(session) -> bool:
    checked_at = session.get(MFA_CHECKED_AT)
    return checked_at is not None and (
        time.time() - checked_at < settings.STAFF_FRESH_MFA_MINUTES * 60
    )


def fresh_mfa_required(view):
    """Verifying or rejecting a hire, approving an organization or withdrawing its approval:
    with STAFF_MFA_REQUIRED on, the staff member must have passed an authenticator check in
    the last STAFF_FRESH_MFA_MINUTES. Otherwise allauth asks for a code first (its
    reauthentication flow: the adapter offers the authenticator first to staff), then
    carries out the decision that was sent. Goes under `staff_required`. With
    STAFF_MFA_REQUIRED off (the embedded demo) nothing more is asked."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.STAFF_MFA_REQUIRED and not has_fresh_mfa_check(request.session):
            raise ReauthenticationRequired
        return view(request, *args, **kwargs)

    return wrapper


# ---------------------------------------------------------------------------
# A recent confirmation that it is really them, for a person's own sensitive actions
# ---------------------------------------------------------------------------
def recently_confirmed(request) -> bool:
    """Whether the person confirmed it is them (password, emailed code or authenticator
    code, through allauth's reauthentication flow) in the last
    ACCOUNT_REAUTHENTICATION_TIMEOUT seconds: the check allauth's `reauthentication_required`
    makes (imported from allauth's flows, in this one place)."""
    return request.user.is_authenticated and not is_reauthentication_required(request, app="")


def confirm_access_url(request, next_url: str) -> str:
    """Where a person confirms it is them, then comes back to `next_url`: allauth's first
    reauthentication method for them (the adapter offers staff their authenticator first)."""
    methods = get_adapter(request).get_reauthentication_methods(request.user)
    return f"{methods[0]['url']}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if methods else ""


def organization_member_required(owner_only: bool = False):
    """For pages about the user's own organization; passes `membership` to the view."""

    def decorator(view):
        @wraps(view)
        @role_required(*ORGANIZATION_ROLES)
        def wrapper(request, *args, **kwargs):
            membership = membership_for(request.user)
            if membership is None or (owner_only and not membership.is_owner):
                raise PermissionDenied
            return view(request, *args, membership=membership, **kwargs)

        return wrapper

    return decorator


def can_manage_team(membership: Membership | None) -> bool:
    return membership is not None and membership.is_owner


def can_publish(user: User) -> bool:
    """Whether content this user prepares may be shown to others (approved organizations only)."""
    membership = membership_for(user)
    return membership is not None and membership.organization.can_publish


# ---------------------------------------------------------------------------
# Other people's data: for organizations approved now
# ---------------------------------------------------------------------------
def can_see_people(organization: Organization) -> bool:
    """The one rule: an organization sees and acts on people's data while it is approved."""
    return organization.status == Organization.Status.APPROVED


def not_approved_response(request, organization: Organization) -> TemplateResponse:
    """403: why this organization's team can't open pages with people's data right now."""
    return TemplateResponse(
        request, "accounts/not_approved.html", {"organization": organization}, status=403
    )


def approved_organization_required(view):
    """For pages with other people's data. Goes under a decorator that passes `membership`
    (employer_member_required, provider_member_required, partner_member_required)."""

    @wraps(view)
    def wrapper(request, *args, membership: Membership, **kwargs):
        if not can_see_people(membership.organization):
            return not_approved_response(request, membership.organization)
        return view(request, *args, membership=membership, **kwargs)

    return wrapper
