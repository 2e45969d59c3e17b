"""Who may open the goals' pages. The dashboard and goal settings are staff-only and answer
404 to everyone else signed in (the pages don't exist for them); anonymous visitors are
sent to sign in. The public progress page and feed are open to all."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from apps.accounts.models import Role
from apps.accounts.permissions import redirect_to_mfa_setup, staff_needs_mfa_setup


def is_board_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.STAFF


def staff_only(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_board_staff(request.user):
            raise Http404
        if staff_needs_mfa_setup(request.user):
            return redirect_to_mfa_setup(request)
        return view(request, *args, **kwargs)

    return wrapper
