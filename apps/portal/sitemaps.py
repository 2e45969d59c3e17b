"""/sitemap.xml: every public page in English and Spanish (techhire/urls.py serves it).

The sections come from the apps that own the pages; this one adds the fixed public pages.
"""

from django.urls import reverse

from apps.accounts.sitemaps import OrganizationSitemap
from apps.core.sitemaps import BilingualSitemap
from apps.employers.sitemaps import JobSitemap
from apps.partners.sitemaps import EventSitemap
from apps.trainings.sitemaps import ProgramSitemap


class PublicPagesSitemap(BilingualSitemap):
    """The home page, the searches and lists anyone may open, the progress page."""

    changefreq = "daily"

    def items(self):
        return [
            "home",
            "employers:search",
            "trainings:catalog",
            "partners:events",
            "accounts:directory",
            "goals:progress",
            "contact",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PublicPagesSitemap,
    "jobs": JobSitemap,
    "trainings": ProgramSitemap,
    "events": EventSitemap,
    "organizations": OrganizationSitemap,
}
