from django.db.models import Max
from django.urls import reverse

from apps.core.sitemaps import BilingualSitemap

from .models import Program


class ProgramSitemap(BilingualSitemap):
    """Published programs of approved providers. Classes (cohorts) have no page of their own:
    they are listed on their program's page, so a changed class changes the program's
    `lastmod`."""

    changefreq = "weekly"

    def items(self):
        return (
            Program.objects.published()
            .only("slug", "updated_at")
            .annotate(classes_changed=Max("cohorts__updated_at"))
            .order_by("pk")
        )

    def location(self, program):
        return reverse("trainings:program", args=[program.slug])

    def lastmod(self, program):
        return max(filter(None, [program.updated_at, program.classes_changed]))
