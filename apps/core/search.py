"""Bilingual full-text search shared by the job search and the training catalog.

How it works (PostgreSQL):
- Each searchable model keeps a folded `skills_text` column holding the taxonomy words it
  links to (its occupations' titles, its skills' labels and aliases, in English and Spanish,
  lowercased without accents) and three GIN-indexed documents built from its fields by
  weight: `title_vector` (the title, A), `head_vector` (the title and the taxonomy words,
  A and B) and `search_vector` (everything: A, B and the text, C).
- `vector()` builds a document with `unaccent` under three text configurations: 'simple'
  (the words as they are, for prefix matching: "pyth" finds "python") plus 'english' and
  'spanish' (stems: "developers" finds "developer", "programas" finds "programa").
- `query()` folds the visitor's words (lowercase, no accents: "programación" =
  "programacion"), drops filler words ("de", "the"), widens each word with its translation
  from a small glossary of job-title words ("analista" → "analyst") and matches every word as
  a prefix or a stem. Skills named exactly by the query ("JS") add their other names.
- Ranking reads indexes only (`ranked_ids`): the exact title first, then titles holding every
  word, then titles and taxonomy words together, then the whole text — each tier newest
  first, each read through the newest-first index or its GIN index with a LIMIT, and a tier
  is read only when the ones before it did not fill the page. Counting stops at the cap
  (`capped_count`, "1,000+").

A save calls `refresh_vector` (one UPDATE, set-based, for one row or many). The embedded
SQLite default keeps the documents empty; its catalogs match folded words by substring in
the title and the folded taxonomy words (see `folded_words`).
"""

import re
from collections.abc import Callable

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Func, QuerySet, TextField
from django.db.models.functions import Lower

from apps.core.text import fold

CONFIGS = ("simple", "english", "spanish")
MAX_WORDS = 8

# Filler words dropped from a query (kept when the query has nothing else).
STOP_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to", "with"]
    + ["con", "de", "del", "el", "en", "la", "las", "los", "para", "por", "un", "una", "y"]
)

# Job-title words people type in one language for postings written in the other. Both ways;
# each key is folded. Taxonomy labels (skills, occupations) need no entry: documents hold both.
_PAIRS = [
    ("analyst", "analista"),
    ("analysis", "analisis"),
    ("data", "datos"),
    ("developer", "desarrollador"),
    ("development", "desarrollo"),
    ("programmer", "programador"),
    ("programming", "programacion"),
    ("engineer", "ingeniero"),
    ("technician", "tecnico"),
    ("support", "soporte"),
    ("network", "redes"),
    ("networks", "redes"),
    ("security", "seguridad"),
    ("manager", "gerente"),
    ("designer", "disenador"),
    ("administrator", "administrador"),
    ("specialist", "especialista"),
    ("assistant", "asistente"),
    ("customer", "cliente"),
    ("service", "servicio"),
    ("computer", "computadora"),
    ("computers", "computadoras"),
    ("cloud", "nube"),
    ("database", "datos"),
    ("tester", "probador"),
    ("teacher", "profesor"),
    ("instructor", "instructor"),
    ("repair", "reparacion"),
    ("cybersecurity", "ciberseguridad"),
    ("entry", "captura"),
    ("intern", "practicante"),
    ("internship", "practicas"),
    ("operator", "operador"),
    ("installer", "instalador"),
    ("electronics", "electronica"),
    ("course", "curso"),
    ("training", "capacitacion"),
    ("beginner", "principiante"),
]
GLOSSARY: dict[str, set[str]] = {}
for _en, _es in _PAIRS:
    GLOSSARY.setdefault(_en, set()).add(_es)
    GLOSSARY.setdefault(_es, set()).add(_en)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def vector(weighted: dict[str, list]):
    """`weighted` maps a weight ("A"…"D") to field names or expressions."""
    parts = [
        SearchVector(Unaccent(source), weight=weight, config=config)
        for weight, sources in weighted.items()
        for source in sources
        for config in CONFIGS
    ]
    document = parts[0]
    for part in parts[1:]:
        document = document + part
    return document


def documents(weighted: dict[str, list]) -> dict:
    """The three documents of a searchable row (see the module's docstring), by field name.
    `weighted` must have "A" (the title) and "B" (the taxonomy words)."""
    return {
        "title_vector": vector({"A": weighted["A"]}),
        "head_vector": vector({"A": weighted["A"], "B": weighted["B"]}),
        "search_vector": vector(weighted),
    }


def refresh_vector(queryset, *, weighted: dict[str, list], **also) -> None:
    """Rebuild the documents of every row of `queryset` in one UPDATE (`also`: more fields
    to set in it). On SQLite only `also` is written."""
    fields = {**documents(weighted), **also} if is_postgresql() else also
    if fields:
        queryset.update(**fields)


def words(text: str) -> list[str]:
    """The folded words of a query, filler words left out (unless that leaves nothing)."""
    found = re.findall(r"[a-z0-9]+", fold(text))[:MAX_WORDS]
    kept = [w for w in found if w not in STOP_WORDS]
    return kept or found


def phrase(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def _word_query(word: str):
    """One word: itself as a prefix, its stems, and its glossary translations."""
    combined = SearchQuery(f"{word}:*", config="simple", search_type="raw")
    for config in ("english", "spanish"):
        combined |= SearchQuery(word, config=config)
    for other in sorted(GLOSSARY.get(word, ())):
        combined |= SearchQuery(f"{other}:*", config="simple", search_type="raw")
    return combined


def _all_words(found: list[str]):
    combined = None
    for word in found:
        part = _word_query(word)
        combined = part if combined is None else combined & part
    return combined


def query(text: str, *, synonyms: list[str] = ()):
    """The tsquery for a visitor's text, or None when it has no word. `synonyms`: other
    names of what the text names exactly (a skill's labels and aliases)."""
    found = words(text)
    if not found:
        return None
    combined = _all_words(found)
    for other in synonyms:
        other_words = words(other)
        if other_words and other_words != found:
            combined |= _all_words(other_words)
    return combined


# ts_rank's weights for D, C, B, A: a title word outweighs any number of taxonomy words.
RANK_WEIGHTS = [0.01, 0.02, 0.1, 1.0]


def title_tier(text: str):
    """A sort key for titles against the query: 0 the query itself, 1 every word of it
    (a prefix, or its translation), 2 anything else."""
    wanted = phrase(text)
    alternatives = [[word, *GLOSSARY.get(word, ())] for word in words(text)]

    def tier(title: str) -> int:
        folded = phrase(title)
        if folded == wanted:
            return 0
        title_words = folded.split()
        every = all(
            any(t.startswith(a) for a in options for t in title_words) for options in alternatives
        )
        return 1 if every else 2

    return tier


def folded_words(*labels) -> str:
    """Taxonomy words for a document: folded, one space apart, each once."""
    seen = []
    for label in labels:
        if label and (folded := fold(label)) not in seen:
            seen.append(folded)
    return " ".join(seen)


def skill_words(skills) -> list[str]:
    """Every name a skill goes by (English, Spanish, aliases)."""
    names = []
    for skill in skills:
        names.extend([skill.name_en, skill.name_es, *skill.aliases])
    return names


def fallback_alternatives(text: str) -> list[list[str]]:
    """The SQLite fallback: for each folded word, itself and its glossary translations."""
    return [[word, *sorted(GLOSSARY.get(word, ()))] for word in words(text)]


# ---------------------------------------------------------------------------
# Reading hits through indexes: ranked pages and capped counts (PostgreSQL)
# ---------------------------------------------------------------------------
def _newest_first(queryset: QuerySet) -> QuerySet:
    return queryset.order_by(F("published_at").desc(), F("pk").desc())


def relevance_tiers(base: QuerySet, *, text: str, query) -> list[QuerySet]:
    """The matches of `query` in `base`, split into tiers that do not overlap, best first:
    0 the title is the query itself (any case), 1 the title holds every word, 2 the title
    and the taxonomy words hold them, 3 the text does. Each tier is cheap to test on a row
    (a short document) or found through a GIN index."""
    exact = " ".join(text.split()).lower()
    titled = base.annotate(lowered_title=Lower("title"))
    return [
        titled.filter(lowered_title=exact, search_vector=query),
        titled.filter(title_vector=query).exclude(lowered_title=exact),
        base.filter(head_vector=query).exclude(title_vector=query),
        base.filter(search_vector=query).exclude(head_vector=query),
    ]


def ranked_ids(tiers: list[QuerySet], *, offset: int, limit: int) -> list[int]:
    """Ids of rows offset…offset+limit in tier order, newest first inside a tier, in ONE
    query. Each tier reads at most offset+limit rows newest first, and runs only if the
    tiers before it found fewer than that (PostgreSQL skips it: a one-time filter)."""
    wanted = offset + limit
    # Only SQL compiled by the ORM and fixed words are joined here; values stay parameters.
    ctes, selects, params = [], [], []
    for number, tier in enumerate(tiers):
        try:
            sql, tier_params = (
                _newest_first(tier)
                .values_list("pk", "published_at")[:wanted]
                .query.sql_with_params()
            )
        except EmptyResultSet:  # a filter that nothing can pass (`pk__in=[]`)
            return []
        name = f"t{number}"
        if number:  # read only if the tiers before found fewer than wanted
            before = " + ".join(f"(SELECT count(*) FROM t{n})" for n in range(number))  # noqa: S608
            sql = f"SELECT * FROM ({sql}) AS tier WHERE {before} < %s"  # noqa: S608
            tier_params = [*tier_params, wanted]
        ctes.append(f"{name} (id, published_at) AS ({sql})")
        selects.append(f"SELECT {number} AS tier, id, published_at FROM {name}")  # noqa: S608
        params += tier_params
    sql = (
        f"WITH {', '.join(ctes)} SELECT id FROM ({' UNION ALL '.join(selects)}) AS hits "  # noqa: S608
        "ORDER BY tier, published_at DESC, id DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def capped_count(queryset: QuerySet, cap: int, *, full_text: bool = False) -> int:
    """How many rows `queryset` has, counting no further than cap + 1.

    `full_text`: the rows match a tsquery. PostgreSQL prices testing a document like testing
    an integer, so with a LIMIT it likes to walk the table (or the newest-first index) and
    test documents one by one until it has cap + 1 of them — thousands of documents for a
    common word, each some microseconds. A bitmap scan of the GIN index reads the matches'
    row addresses instead and stops fetching rows at the cap, testing no document: the
    planner is told to use only bitmap scans for this one statement (set and reset around
    it in the same round trip, which PostgreSQL runs as one transaction)."""
    try:
        sql, params = queryset.order_by().values("pk")[: cap + 1].query.sql_with_params()
    except EmptyResultSet:  # a filter that nothing can pass (`pk__in=[]`)
        return 0
    sql = f"SELECT count(*) FROM ({sql}) AS capped"  # noqa: S608 - ORM-compiled, parameters apart
    if full_text and is_postgresql():
        sql = f"{BITMAP_ONLY}; {sql}; {PLANNER_DEFAULTS}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while cursor.description is None:  # past the SETs
            cursor.nextset()
        count = cursor.fetchone()[0]
        while cursor.nextset():  # through the RESETs
            pass
        return count


BITMAP_ONLY = "SET enable_seqscan = off; SET enable_indexscan = off"
PLANNER_DEFAULTS = "RESET enable_seqscan; RESET enable_indexscan"


class Hits:
    """A search's results, for a Paginator: counted up to `cap` (beyond it, `more` is true
    and the page says "1,000+"), each page's ids read by a bounded query of its own.

    `Hits(ids, more)` wraps ids already in hand (the SQLite fallback, an empty search);
    `Hits.read(count, page, cap)` reads lazily: `count(cap)` counts up to cap + 1,
    `page(offset, limit)` returns the ids of that slice. `ids` gives every id up to the cap
    in display order (one bounded query; a page needs only a slice)."""

    def __init__(self, ids: list[int] | None = None, more: bool = False):
        ids = list(ids or [])
        self._found = len(ids) + (1 if more else 0)
        self._cap = len(ids)
        self._page: Callable[[int, int], list[int]] = lambda offset, limit: ids[
            offset : offset + limit
        ]
        self._counter: Callable[[int], int] | None = None

    @classmethod
    def read(cls, *, count: Callable[[int], int], page: Callable[[int, int], list[int]], cap: int):
        hits = cls()
        hits._counter, hits._page, hits._cap, hits._found = count, page, cap, None
        return hits

    def _matched(self) -> int:
        if self._found is None:
            self._found = self._counter(self._cap)
        return self._found

    def count(self) -> int:
        return min(self._matched(), self._cap)

    @property
    def more(self) -> bool:
        return self._matched() > self._cap

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, int):
            return self[item : item + 1][0]
        start, stop, _ = item.indices(self.count())
        return self._page(start, stop - start) if stop > start else []

    @property
    def ids(self) -> list[int]:
        return self[0 : self.count()]
