from django.urls import reverse

from apps.core.sitemaps import BilingualSitemap

from .models import Organization


class OrganizationSitemap(BilingualSitemap):
    """The public pages of approved employers, training providers and partners."""

    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Organization.objects.public().only("slug", "updated_at").order_by("pk")

    def location(self, organization):
        return reverse("accounts:public", args=[organization.slug])

    def lastmod(self, organization):
        return organization.updated_at
