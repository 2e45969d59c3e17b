"""What the <head> says to search engines and chat apps: the page's canonical address, the
same page in the other language (hreflang), and the share preview's address, picture and
locale. templates/includes/_head_links.html and _share.html use them."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix
from django.utils.translation import get_language_from_path

from apps.core.i18n import localized

register = template.Library()

# Open Graph names a language with its territory.
OG_LOCALES = {"en": "en_US", "es": "es_US"}
# Of a page's query, only the page number makes another page: filters and search words
# show the same page's content, and tracking parameters nothing at all.
KEPT_QUERY = "page"


def _kept_query(request) -> str:
    page = request.GET.get(KEPT_QUERY, "")
    return "?" + urlencode({KEPT_QUERY: page}) if page.isdigit() and page != "1" else ""


@register.simple_tag(takes_context=True)
def page_addresses(context) -> dict | None:
    """The page in each language, as full addresses; None for an address without a
    language (an unsubscribe page) or outside a request."""
    request = context.get("request")
    if request is None:
        return None
    language = get_language_from_path(request.path_info)
    if not language:
        return None
    prefix = get_script_prefix().rstrip("/")
    query = _kept_query(request)

    def address(code: str) -> str:
        return request.build_absolute_uri(prefix + localized(request.path_info, code) + query)

    codes = [code for code, _name in settings.LANGUAGES]
    alternates = [{"hreflang": code, "href": address(code)} for code in codes]
    alternates.append({"hreflang": "x-default", "href": address(settings.LANGUAGE_CODE)})
    return {
        "canonical": address(language),
        "alternates": alternates,
        "locale": OG_LOCALES[language],
        "locale_alternates": [OG_LOCALES[code] for code in codes if code != language],
    }


@register.simple_tag(takes_context=True)
def absolute_static(context, path: str) -> str:
    """A static file's full address (share previews need one)."""
    url = static(path)
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url
