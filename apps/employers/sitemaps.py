from django.urls import reverse

from apps.core.sitemaps import BilingualSitemap

from .models import Job


class JobSitemap(BilingualSitemap):
    """Open jobs (published, not past their closing date, by an approved employer)."""

    changefreq = "daily"

    def items(self):
        return Job.objects.published().only("slug", "updated_at").order_by("pk")

    def location(self, job):
        return reverse("employers:job", args=[job.slug])

    def lastmod(self, job):
        return job.updated_at
