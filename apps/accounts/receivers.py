"""What accounts hears from allauth (connected in apps.py)."""

from .permissions import record_mfa_check


def remember_mfa_check(sender, request=None, **kwargs) -> None:
    """allauth's `authenticator_used`: a code passed at sign-in or to confirm access. Staff
    decisions ask for one from the last few minutes (permissions.fresh_mfa_required)."""
    if request is not None and hasattr(request, "session"):
        record_mfa_check(request.session)
