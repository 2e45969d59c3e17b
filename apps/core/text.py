import unicodedata


def fold(text: str) -> str:
    """Lowercase without accents, so "tecnico" finds "técnico" and "JS" finds "js"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
