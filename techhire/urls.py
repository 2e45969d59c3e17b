"""The portal's addresses.

Every page has its language in its address (`/en/…`, `/es/…`, `i18n_patterns`); the
addresses in `fixed` have none, on purpose, and keep names without a namespace
("Addresses and languages" in the README says why each one is fixed). An old address
without a language is sent to the same page in the person's language
(apps/core/middleware.py, LanguagePrefixMiddleware).
"""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from apps.accounts import views as accounts_views
from apps.core import views as core_views
from apps.goals import urls as goals_urls
from apps.notifications import urls as notifications_urls
from apps.partners import urls as partners_urls
from apps.portal import urls as portal_urls
from apps.portal import views as portal_views
from apps.portal.sitemaps import SITEMAPS

# The admin signs in through allauth, so MFA and rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Reboot El Paso administration")
admin.site.site_title = _("Reboot El Paso")

# No language in these addresses: the root picks one, the rest are read by machines or are
# already out in emails and calendars, or (the admin) are staff tools.
fixed = [
    path("", core_views.root, name="root"),
    path("healthz", core_views.healthz, name="healthz"),
    path("language/", accounts_views.set_language, name="set_language"),
    *notifications_urls.fixed_urlpatterns,
    *goals_urls.fixed_urlpatterns,
    *partners_urls.fixed_urlpatterns,
    # For crawlers (the sitemap lists every public page in both languages) and researchers.
    path("robots.txt", portal_views.robots_txt, name="robots"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]

pages = i18n_patterns(
    path("", include(portal_urls.urlpatterns)),
    path("contact/", core_views.contact, name="contact"),
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
    prefix_default_language=True,
)

urlpatterns = fixed + pages
