"""Bilingual full-text search shared by the job search and the training catalog.

How it works (PostgreSQL):
- Each searchable model keeps a `search_vector` column (GIN-indexed) and a folded
  `skills_text` column holding the taxonomy words it links to: its occupations' titles and
  its skills' labels and aliases, in English and Spanish, lowercased without accents.
- `vector()` builds the document with `unaccent` under three text configurations: 'simple'
  (the words as they are, for prefix matching: "pyth" finds "python") plus 'english' and
  'spanish' (stems: "developers" finds "developer", "programas" finds "programa").
- `query()` folds the visitor's words (lowercase, no accents: "programación" =
  "programacion"), drops filler words ("de", "the"), widens each word with its translation
  from a small glossary of job-title words ("analista" → "analyst") and matches every word as
  a prefix or a stem. Skills named exactly by the query ("JS") add their other names.
- Rank: the title weighs most (A), then taxonomy words (B), then the text (C).

A save calls `refresh_vector` (one UPDATE, set-based, for one row or many). The embedded
SQLite default keeps the vector empty; its catalogs match folded words by substring in the
title and the folded taxonomy words (see `folded_words`).
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Func, TextField

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


def refresh_vector(queryset, *, weighted: dict[str, list]) -> None:
    """Rebuild the documents of every row of `queryset` in one UPDATE."""
    if is_postgresql():
        queryset.update(search_vector=vector(weighted))


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
