"""The base of every sitemap section: each page in English and Spanish, with alternates.

Each app lists its own public pages in its `sitemaps.py`; apps/portal/sitemaps.py gathers
them for /sitemap.xml (techhire/urls.py).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class BilingualSitemap(Sitemap):
    """One <url> per page and language, each with its `hreflang` alternates (en, es) and
    `x-default` (English)."""

    i18n = True
    alternates = True
    x_default = True
    # <url> entries per sitemap page: an item is two (one per language), each with three
    # alternate links; small pages render quickly and stay far under the 50,000 limit.
    limit = 2000

    def get_urls(self, page=1, site=None, protocol=None):
        """Django writes `x-default` as the address without a language prefix (right when
        the default language has none); here that address redirects, so `x-default` is the
        English page, as in the pages' own hreflang links."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            by_code = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            if "x-default" in by_code:
                by_code["x-default"]["location"] = by_code[settings.LANGUAGE_CODE]["location"]
        return urls
