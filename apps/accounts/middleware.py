from django.conf import settings

from .permissions import redirect_to_mfa_setup, staff_needs_mfa_setup


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
