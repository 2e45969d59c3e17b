"""PostgreSQL full-text documents in English and Spanish, shared by the catalogs.

Each model keeps a `search_vector` column (GIN-indexed by a migration on PostgreSQL) and
calls `refresh_vector` after a save. The embedded SQLite default keeps it empty and its
catalogs fall back to substring matching.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection

CONFIGS = ("english", "spanish")


def refresh_vector(model, pk, *, weighted: dict[str, list]) -> None:
    """`weighted` maps a weight ("A"…"D") to field names or `Value(...)` expressions."""
    if connection.vendor != "postgresql":
        return
    vector = None
    for config in CONFIGS:
        for weight, sources in weighted.items():
            for source in sources:
                part = SearchVector(source, weight=weight, config=config)
                vector = part if vector is None else vector + part
    model.objects.filter(pk=pk).update(search_vector=vector)


def query(text: str):
    """A web-style query in both languages: stemming for English and Spanish words."""
    return SearchQuery(text, config="english", search_type="websearch") | SearchQuery(
        text, config="spanish", search_type="websearch"
    )


def skill_words(skills) -> str:
    """Every name a skill goes by (English, Spanish, aliases), for a document's skills part."""
    words = set()
    for skill in skills:
        words.update([skill.name_en, skill.name_es, *skill.aliases])
    return " ".join(sorted(words))
