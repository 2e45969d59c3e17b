"""Languages in addresses and cookies.

Every page's address starts with its language (`/en/jobs/…`, `/es/jobs/…`); the same page
in the other language is the same address with the other prefix (paths and slugs are not
translated).
"""

import re
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.urls import is_valid_path
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path

# A path the portal will send someone to: printable ASCII only (no spaces, no control or
# non-ASCII characters), no backslash (browsers read it as "/"), of a sane length.
_LOCAL_PATH = re.compile(r"/(?![/\\])[!-\[\]-~]*")
MAX_PATH_LENGTH = 2000


def remember_language(response, language: str):
    """Set Django's language cookie, so the choice holds before and after sign-in."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=False,
    )
    return response


def localized(url: str, language: str) -> str:
    """`url` (a path, or a full link to this site) as its reader of `language` should get it:
    the same page under that language's prefix.

    An old address without a prefix gets one when the prefixed page exists ("/" is the home
    page); an address that has no language (a feed, the one-click unsubscribe link), that is
    not a page, or that is on another site comes back unchanged.
    """
    parts = urlsplit(url)
    if parts.netloc and not _is_this_site(parts.netloc):
        return url
    path = parts.path or "/"
    if get_language_from_path(path):  # the same address under the other prefix, page or not
        prefix = "/" + path.split("/")[1]
        return urlunsplit(parts._replace(path=f"/{language}{path[len(prefix) :] or '/'}"))
    if path != "/" and is_valid_path(path):
        return url  # an address without a language, on purpose
    prefixed = f"/{language}{path}"
    # A prefix only resolves while its language is active (LocalePrefixPattern).
    with translation.override(language):
        if not is_valid_path(prefixed):
            return url
    return urlunsplit(parts._replace(path=prefixed))


def _is_this_site(netloc: str) -> bool:
    if netloc == urlsplit(settings.SITE_URL).netloc:
        return True
    domain, _port = split_domain_port(netloc)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


def local_path(url: str, request) -> str | None:
    """The path (and query) of `url` when it is a safe address on this site, else None.

    Accepts "/jobs/?q=x" or a full link to this host ("https://this-host/jobs/"); refuses
    other hosts, "//host", schemes such as "javascript:", bare words, control and
    non-ASCII characters, and anything longer than MAX_PATH_LENGTH.
    """
    if not isinstance(url, str) or not url or len(url) > MAX_PATH_LENGTH:
        return None
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not _LOCAL_PATH.fullmatch(path):
        return None
    return path
