import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from .permissions import is_staff_account, redirect_to_mfa_setup, staff_needs_mfa_setup

LAST_SEEN_KEY = "techhire_staff_last_seen"
LAST_SEEN_EVERY = 60  # seconds: how often a staff session's last request is written down


class StaffMFAMiddleware:
    """Keeps the Django admin closed to staff who have not set up an authenticator app.

    Staff pages of the portal are guarded by `staff_required`; the admin is third-party
    code, so it is guarded here by path.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL.strip("/") + "/"

    def __call__(self, request):
        if request.path.startswith(self.admin_prefix) and staff_needs_mfa_setup(request.user):
            return redirect_to_mfa_setup(request)
        return self.get_response(request)


class StaffSessionMiddleware:
    """A staff session ends after STAFF_SESSION_IDLE_HOURS without a request (a working day);
    everyone else keeps Django's SESSION_COOKIE_AGE (two weeks).

    The session remembers its last request (written at most once a minute); a staff request
    coming later than the limit signs the person out and sends them to sign in again. A
    session kept across browser restarts ("remember me") also has its cookie and its row
    in the session table set to expire at the limit, so neither outlives it. Listed after
    the authentication and message middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_staff_account(user):
            idle = int(settings.STAFF_SESSION_IDLE_HOURS * 3600)
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > idle:
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were signed out after %(hours)s hours without activity, as every "
                        "staff session is. Sign in again to continue."
                    )
                    % {"hours": settings.STAFF_SESSION_IDLE_HOURS},
                )
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= LAST_SEEN_EVERY:
                request.session[LAST_SEEN_KEY] = now
                if not request.session.get_expire_at_browser_close():
                    request.session.set_expiry(idle)
        return self.get_response(request)
