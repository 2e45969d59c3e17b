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


def _prefix(word: str) -> str:
    """A word as a prefix ("pyth" finds "python"), unless it is one letter or a number: "c:*"
    or "3:*" would read the index entries of every word starting so, and mean little."""
    return word if len(word) < 2 or word.isdigit() else f"{word}:*"


def _word_query(word: str):
    """One word: itself as a prefix, its stems, and its glossary translations."""
    combined = SearchQuery(_prefix(word), config="simple", search_type="raw")
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
    seen = [set(found)]
    for other in synonyms:
        other_words = words(other)
        # "Python 3" adds nothing to "python": what matches it matches "python" already.
        if other_words and not any(set(other_words) >= known for known in seen):
            seen.append(set(other_words))
            combined |= _all_words(other_words)
    return combined


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
# Reading hits through indexes (PostgreSQL): counts that stop at the cap, lists read through
# the GIN indexes, walks of an ordered index only where the matches are common
# ---------------------------------------------------------------------------
# PostgreSQL prices testing a document like testing an integer, so with a LIMIT it likes to
# walk the table or an ordered index and test documents one by one — a few microseconds
# each, every row of the table when the word is rare. A bitmap scan of a GIN index reads
# the matching rows' addresses instead and tests no document. `_through_index` makes the
# table a subquery holding nothing but the match, which PostgreSQL — told not to scan
# tables for that statement — can only answer through the GIN index (set and reset around
# the statement in the same round trip, which PostgreSQL runs as one transaction). JIT goes
# off with it: a disabled scan still costs 10^10 in the plan, which would trigger JIT
# compilation — seconds — for a statement that runs in about a millisecond.
NO_TABLE_SCANS = ("SET enable_seqscan = off; SET jit = off", "RESET enable_seqscan; RESET jit")
# Walks are for common matches only: there, reading the newest-first index and testing
# (short) documents until the page is full reads a few hundred rows at most. PostgreSQL,
# misjudging how many rows an AND of ORs matches, may prefer a bitmap of every match and a
# sort — the thousands of rows the walk avoids — so page statements allow index scans only.
WALKS_ONLY = (
    "SET enable_seqscan = off; SET enable_bitmapscan = off; SET jit = off",
    "RESET enable_seqscan; RESET enable_bitmapscan; RESET jit",
)
LIST_CAP = 300  # a document matched by more rows is common: its tier is read by a walk
EXACT, TITLE, HEAD, TEXT = range(4)  # the kinds of match, by document
DOCUMENTS = {TITLE: "title_vector", HEAD: "head_vector", TEXT: "search_vector"}


def _newest_first(queryset: QuerySet) -> QuerySet:
    return queryset.order_by(F("published_at").desc(), F("pk").desc())


def _compiled(queryset: QuerySet) -> tuple[str, tuple] | None:
    """The SQL of a queryset, or None when no row can pass its filters (`pk__in=[]`)."""
    try:
        return queryset.query.sql_with_params()
    except EmptyResultSet:
        return None


def _rows(sql: str, params, *, settings: tuple[str, str] | None = None) -> list[tuple]:
    """Rows of one statement, run with planner `settings` (set, reset) when given."""
    if settings:
        sql = f"{settings[0]}; {sql}; {settings[1]}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if not settings:  # one statement, on any database (SQLite has no nextset)
            return cursor.fetchall()
        while cursor.description is None:  # past the SETs
            cursor.nextset()
        rows = cursor.fetchall()
        while cursor.nextset():  # through the RESETs
            pass
    return rows


def capped_count(queryset: QuerySet, cap: int) -> int:
    """How many rows `queryset` has, counting no further than cap + 1: the newest ones,
    walking the newest-first index (no words: every row tested is cheap)."""
    compiled = _compiled(_newest_first(queryset).values("pk")[: cap + 1])
    if compiled is None:
        return 0
    sql, params = compiled
    return _rows(f"SELECT count(*) FROM ({sql}) AS capped", params)[0][0]  # noqa: S608


# Only SQL compiled by the ORM and fixed words are joined below; values stay parameters.
class _Statements:
    """The statements of one search, composed from SQL compiled once: the filtered rows'
    (id, published_at) — a WHERE clause ends it, so conditions can be added — and the
    tsquery. The ORM would compile every variant anew (milliseconds each)."""

    def __init__(self, base: QuerySet, query, *, text: str):
        sql, self.params = base.order_by().values_list("pk", "published_at").query.sql_with_params()
        self.table = connection.ops.quote_name(base.model._meta.db_table)
        if f" FROM {self.table} " not in sql or " WHERE " not in sql:
            raise ValueError(f"a search needs a filtered FROM {self.table}: {sql}")
        self.sql = sql
        compiler = base.query.get_compiler(connection=connection)
        self.tsquery = compiler.compile(query.resolve_expression(base.query))
        self.exact = " ".join(text.split()).lower()

    def column(self, name: str) -> str:
        return f'{self.table}."{name}"'

    def match(self, kind: int) -> tuple[str, list]:
        """Where a kind of match's document matches (EXACT: the title is the text)."""
        sql, params = self.tsquery
        if kind == EXACT:
            return (
                f"lower({self.column('title')}) = %s AND {self.column('search_vector')} @@ ({sql})",
                [self.exact, *params],
            )
        return f"{self.column(DOCUMENTS[kind])} @@ ({sql})", list(params)

    def tier(self, kind: int) -> tuple[str, list]:
        """Where a row is in a tier: its kind of match, not the one before."""
        sql, params = self.match(kind)
        if kind == TITLE:
            return f"{sql} AND lower({self.column('title')}) <> %s", [*params, self.exact]
        if kind in (HEAD, TEXT):
            before, before_params = self.match(kind - 1)
            return f"{sql} AND NOT coalesce({before}, false)", [*params, *before_params]
        return sql, params

    def rows(self, condition: tuple[str, list]) -> tuple[str, list]:
        return f"{self.sql} AND {condition[0]}", [*self.params, *condition[1]]

    def listing(self, kind: int, cap: int, *, through_index: bool) -> tuple[str, list]:
        """At most cap + 1 rows of a kind of match. `through_index`: the table is read only
        where the document matches — a subquery holding nothing but the match, fenced
        (OFFSET 0) so that the planner cannot fold it in and walk another index testing
        documents; the filters apply to the rows it yields; the LIMIT stops it early."""
        if not through_index or kind == EXACT:  # EXACT: the index of lowercased titles
            sql, params = self.rows(self.match(kind))
            return f"{sql} LIMIT {cap + 1:d}", params
        match, match_params = self.match(kind)
        before, _, after = self.sql.partition(f" FROM {self.table} ")
        fenced = f"(SELECT * FROM {self.table} WHERE {match} OFFSET 0) AS {self.table}"  # noqa: S608
        return (
            f"{before} FROM {fenced} {after} LIMIT {cap + 1:d}",
            [*match_params, *self.params],
        )

    def walk(self, kind: int) -> tuple[str, list]:
        """A tier's rows newest first (the newest-first index), without LIMIT."""
        sql, params = self.rows(self.tier(kind))
        newest = f"{self.column('published_at')} DESC, {self.column('id')} DESC"
        return f"{sql} ORDER BY {newest}", params


def match_lists(listings: dict[int, tuple[str, list, int, int | None]]) -> dict:
    """Every listing in ONE statement, run without table scans (so through the GIN
    indexes, see `_Statements.listing`): {kind: (sql, params, cap, after)} →
    {kind: (how many rows, up to cap + 1; their ids newest first when no more than cap,
    else None)}. `after`: read that kind only if the kind named was listed; else
    (None, None)."""
    ctes, selects, params = [], [], []
    for kind, (sql, kind_params, _cap, after) in listings.items():
        if after is not None:
            before = f"(SELECT count(*) FROM k{after})"  # noqa: S608
            sql = f"SELECT * FROM ({sql}) AS gated WHERE {before} <= %s"  # noqa: S608
            kind_params = [*kind_params, listings[after][2]]
        ctes.append(f"k{kind} (id, published_at) AS ({sql})")
        selects.append(f"SELECT {kind} AS kind, %s AS cap, id, published_at FROM k{kind}")  # noqa: S608
        params += kind_params
    params += [cap for _sql, _params, cap, _after in listings.values()]
    sql = (
        f"WITH {', '.join(ctes)} SELECT kind, count(*), CASE WHEN count(*) <= min(cap) THEN "  # noqa: S608
        "array_agg(id ORDER BY published_at DESC NULLS FIRST, id DESC) END "
        f"FROM ({' UNION ALL '.join(selects)}) AS matches GROUP BY kind"
    )
    found = {kind: (0, []) for kind in listings}
    for kind, count, ids in _rows(sql, params, settings=NO_TABLE_SCANS):
        found[kind] = (count, ids)
    for kind, (_sql, _params, _cap, after) in listings.items():
        if after is not None and found[after][1] is None:
            found[kind] = (None, None)
    return found


def ranked_page(tiers: list, *, offset: int, limit: int) -> list[int]:
    """Ids offset…offset+limit of `tiers` in order, in ONE statement. A tier is a list of
    ids already in order, or (sql, params) selecting (id, published_at) newest first,
    walked for at most offset+limit rows and only when the tiers before it hold fewer than
    that (a one-time filter: PostgreSQL does not run the walk otherwise)."""
    wanted = offset + limit
    ctes, selects, params = [], [], []
    for number, tier in enumerate(tiers):
        if isinstance(tier, list):
            sql, tier_params = LISTED, [tier[:wanted]]
        else:
            walk, walk_params = tier
            before = " + ".join(f"(SELECT count(*) FROM t{n})" for n in range(number))  # noqa: S608
            sql = (
                "SELECT id, row_number() OVER (ORDER BY published_at DESC NULLS FIRST, "  # noqa: S608
                f"id DESC) FROM ({walk} LIMIT %s) AS walk (id, published_at) "
                f"WHERE {before or 0} < %s"
            )
            tier_params = [*walk_params, wanted, wanted]
        ctes.append(f"t{number} (id, pos) AS ({sql})")
        selects.append(f"SELECT {number} AS tier, id, pos FROM t{number}")  # noqa: S608
        params += tier_params
    sql = (
        f"WITH {', '.join(ctes)} SELECT id FROM ({' UNION ALL '.join(selects)}) AS hits "  # noqa: S608
        "ORDER BY tier, pos LIMIT %s OFFSET %s"
    )
    return [row[0] for row in _rows(sql, [*params, limit, offset], settings=WALKS_ONLY)]


LISTED = "SELECT * FROM unnest(%s::bigint[]) WITH ORDINALITY"


def _minus(ids: list[int] | None, known: list[int] | None) -> list[int] | None:
    if ids is None or known is None:
        return None
    known = set(known)
    return [pk for pk in ids if pk not in known]


def text_hits(
    base: QuerySet,
    *,
    text: str,
    query,
    cap: int,
    order: Callable[[QuerySet], QuerySet] | None = None,
    narrowed: bool = False,
):
    """The rows of `base` (published rows passing the filters) matching `query`, as Hits:
    two statements, whatever the data — one counting and listing, one reading the page.

    Without `order`, ranked "best match" in tiers, each newest first: 0 the title is the
    text itself (any case), 1 the title holds every word, 2 the title and the taxonomy words
    hold them, 3 the whole text does. Each document has a GIN index and, as a set of
    matches, holds the one before it. The first statement (`match_lists`) counts the
    matches up to cap + 1 and lists, newest first, the matches of each document matched by
    few rows (at most LIST_CAP; `cap` for the whole text). The page (`ranked_page`) takes
    its tiers from those lists; a tier too common to list is read by walking the
    newest-first index and testing its short document until the page is full — a few
    hundred rows at most, precisely because the tier is common.

    `order` (a queryset → the same, ordered, with an index behind the order, e.g. pay):
    the matches in that order, by their ids when listed, else walking that index.
    `narrowed`: the filters alone leave few rows (a skill, an employer): the lists start
    from those rows and test their documents, rather than reading the GIN indexes."""
    try:
        statements = _Statements(base, query, text=text)
    except EmptyResultSet:  # a filter nothing passes
        return Hits([])
    kinds = {EXACT: (LIST_CAP, None), TITLE: (LIST_CAP, None), HEAD: (LIST_CAP, TITLE)}
    kinds = {**(kinds if order is None else {}), TEXT: (cap, None)}
    listings = {
        kind: (*statements.listing(kind, kind_cap, through_index=not narrowed), kind_cap, after)
        for kind, (kind_cap, after) in kinds.items()
    }
    read = {}

    def lists():
        if not read:
            read.update(match_lists(listings))
        return read

    def ranked(offset: int, limit: int) -> list[int]:
        found = lists()
        listed = [found[EXACT][1]]
        for kind in (TITLE, HEAD, TEXT):  # each tier without the one before it
            listed.append(_minus(found[kind][1], found[kind - 1][1]))
        tiers = [statements.walk(kind) if ids is None else ids for kind, ids in enumerate(listed)]
        return ranked_page(tiers, offset=offset, limit=limit)

    def ordered(offset: int, limit: int) -> list[int]:
        listed = lists()[TEXT][1]
        rows = base.filter(search_vector=query) if listed is None else base.filter(pk__in=listed)
        return list(order(rows).values_list("pk", flat=True)[offset : offset + limit])

    return Hits.read(
        count=lambda _cap: lists()[TEXT][0],
        page=ranked if order is None else ordered,
        cap=cap,
    )


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
