"""Cached HTML fragments: a list page's rows rendered once and reused from the cache.

A fragment is keyed by everything it shows changing with: its row's id and `updated_at`,
those of the rows it borrows from (an employer's name), the language — so an edit makes a
new key and the old fragment is never read again (it expires). One `get_many` reads a
page's fragments; only the missing ones are rendered, from rows loaded for them alone.

A whole block that everyone asking the same thing sees (a public search's results) is
cached the same way (`cached_block`), keyed by the version of the data it shows
(`data_version`) and the request's parameters.
"""

import hashlib
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

TIMEOUT = 6 * 3600  # seconds; keys change with the rows, so this only bounds the cache's size
# A block's version sees every insert and update, not a row deleted (staff, in the admin):
# what it would leave on screen is gone after this many seconds.
BLOCK_TIMEOUT = 5 * 60


def fragment_key(kind: str, *parts) -> str:
    """A cache key from a kind of fragment, the language, and the values it depends on
    (times as microseconds since the epoch: keys hold no spaces)."""
    language = translation.get_language() or "en"
    values = [int(p.timestamp() * 1_000_000) if isinstance(p, datetime) else p for p in parts]
    return ":".join(["fragment", kind, language, *(str(v) for v in values)])


def cached_fragments(
    keys: dict[int, str], render: Callable[[list[int]], dict[int, str]]
) -> dict[int, str]:
    """{row id: html} for every id of `keys` ({id: cache key}), rendering (`render(ids)` →
    {id: html}) only those not in the cache, in one read and at most one write."""
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        rendered = render(missing)
        cache.set_many({keys[pk]: html for pk, html in rendered.items()}, TIMEOUT)
        found.update({keys[pk]: html for pk, html in rendered.items()})
    return {pk: found[key] for pk, key in keys.items() if key in found}


def render_each(template: str, name: str, rows: Iterable) -> dict[int, str]:
    """{row.pk: the template rendered with the row as `name`} (a `render` for the above)."""
    return {row.pk: render_to_string(template, {name: row}) for row in rows}


def data_version(*models: type[Model]) -> str:
    """A token that changes whenever a row of `models` is added or changed — each table's
    newest `updated_at` and highest id, read from their indexes in one statement — and
    every day (rows leave a public list when their closing date passes). Writes here set
    `updated_at` on every change, `QuerySet.update()` included."""
    tables = [connection.ops.quote_name(model._meta.db_table) for model in models]
    columns = ", ".join(
        f"(SELECT max(updated_at) FROM {table}), (SELECT max(id) FROM {table})"  # noqa: S608
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # noqa: S608 — table names from the models
        values = cursor.fetchone()
    # (SQLite answers the times as text: only letters and digits go into a key.)
    parts = [
        int(v.timestamp() * 1_000_000) if isinstance(v, datetime) else re.sub(r"\W", "", str(v))
        for v in values
    ]
    return ".".join(str(part) for part in [timezone.localdate().toordinal(), *parts])


def params_digest(params) -> str:
    """A short, order-independent digest of a QueryDict, for cache keys."""
    pairs = sorted((key, value) for key, values in params.lists() for value in values)
    return hashlib.sha256(urlencode(pairs).encode()).hexdigest()[:32]


def form_key(stamp, params, extra=()) -> str:
    """What a search page's cached filters are keyed by (`{% cache %}` in
    includes/search_page.html, beside the page's address): the facets' `stamp` (when they
    were counted), the request's parameters and anything else the form offers (`extra`)."""
    return ":".join([str(stamp), params_digest(params), *sorted(extra)])


def cached_block(kind: str, version: str, params, render: Callable[[], str]) -> SafeString:
    """The HTML of a block that is the same for everyone asking the same (a public search's
    results), from the cache, keyed by the language, `version` (`data_version` of what it
    shows) and `params` (a QueryDict: the request's own); `render()` only when missing."""
    key = fragment_key(kind, version, params_digest(params))
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, str(html), BLOCK_TIMEOUT)
    return mark_safe(html)  # noqa: S308 — rendered by our templates, escaped there
