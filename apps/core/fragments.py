"""Cached HTML fragments: a list page's rows rendered once and reused from the cache.

A fragment is keyed by everything it shows changing with: its row's id and `updated_at`,
those of the rows it borrows from (an employer's name), the language — so an edit makes a
new key and the old fragment is never read again (it expires). One `get_many` reads a
page's fragments; only the missing ones are rendered, from rows loaded for them alone.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

TIMEOUT = 6 * 3600  # seconds; keys change with the rows, so this only bounds the cache's size


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
