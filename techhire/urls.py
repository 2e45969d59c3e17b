from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from apps.core import views as core_views

# The admin signs in through allauth, so MFA and rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Reboot El Paso administration")
admin.site.site_title = _("Reboot El Paso")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("dashboard/", core_views.dashboard, name="dashboard"),
    path("language/", core_views.set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("", include("apps.accounts.urls")),
    path("", include("apps.notifications.urls")),
    path("", include("apps.seekers.urls")),
    path("", include("apps.trainings.urls")),
    path("", include("apps.employers.urls")),
    path("", include("apps.goals.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
