from django.conf import settings

from apps.accounts.models import Language
from apps.accounts.permissions import membership_for


def portal(request):
    """What the header and footer need on every page."""
    user = getattr(request, "user", None)
    membership = None
    if user is not None and user.is_authenticated:
        if not hasattr(request, "_techhire_membership"):
            request._techhire_membership = membership_for(user)
        membership = request._techhire_membership
    return {
        "portal_name": settings.PORTAL_NAME,
        "portal_languages": Language.choices,
        "current_membership": membership,
    }
