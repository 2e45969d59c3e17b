from django.urls import reverse

from apps.core.sitemaps import BilingualSitemap

from .models import Event


class EventSitemap(BilingualSitemap):
    """Published events that have not ended (past ones keep their page, unlisted)."""

    changefreq = "daily"

    def items(self):
        return Event.objects.published().upcoming().only("pk", "updated_at").order_by("pk")

    def location(self, event):
        return reverse("partners:event", args=[event.pk])

    def lastmod(self, event):
        return event.updated_at
