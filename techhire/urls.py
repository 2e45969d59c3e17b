from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from apps.accounts import views as accounts_views
from apps.core import views as core_views
from apps.notifications import urls as notifications_urls
from apps.portal import urls as portal_urls

# The admin signs in through allauth, so MFA and rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Reboot El Paso administration")
admin.site.site_title = _("Reboot El Paso")

urlpatterns = [
    path("", include(portal_urls.urlpatterns)),
    path("language/", accounts_views.set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("contact/", core_views.contact, name="contact"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path("accounts/", include("allauth.urls")),
    path("", include("apps.accounts.urls")),
    # The staff's delivery pages live in portal but keep their "notifications:" names.
    path(
        "",
        include(
            (
                notifications_urls.urlpatterns + portal_urls.delivery_urlpatterns,
                notifications_urls.app_name,
            )
        ),
    ),
    path("", include("apps.skills.urls")),
    path("", include("apps.seekers.urls")),
    path("", include("apps.trainings.urls")),
    path("", include("apps.matching.urls")),
    path("", include("apps.employers.urls")),
    path("", include("apps.partners.urls")),
    path("", include("apps.goals.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
