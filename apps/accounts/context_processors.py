from django.conf import settings
from django.urls import reverse

from apps.core.i18n import local_path

from .models import Language
from .selectors import membership_for


def portal(request):
    """What the header and footer need on every page (base.html): the portal's name, the
    language switcher, the signed-in person's organization."""
    user = getattr(request, "user", None)
    membership = None
    if user is not None and user.is_authenticated:
        if not hasattr(request, "_techhire_membership"):
            request._techhire_membership = membership_for(user)
        membership = request._techhire_membership
    return {
        "portal_name": settings.PORTAL_NAME,
        "portal_languages": Language.choices,
        "language_next": language_next(request),
        "current_membership": membership,
    }


def language_next(request) -> str:
    """Where the language switcher comes back to: this page.

    A form that failed is shown at the address it posted to, which may answer POST only;
    coming back there with a GET would be an error, so the switcher goes back to the page
    the form was sent from (the Referer, same site only), else the home page.
    """
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    return local_path(request.headers.get("referer", ""), request) or reverse("home")
