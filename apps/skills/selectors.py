"""Reads of the taxonomy shared by the searches."""

from .models import Skill
from .text import fold


def skill_synonyms(text: str) -> list[str]:
    """Every name of the skills that `text` names exactly: "JS" gives JavaScript's labels
    and aliases, so a search for it also finds postings that spell the skill out."""
    folded = fold(text)
    if not folded or "|" in folded:
        return []
    names = []
    for skill in Skill.objects.filter(search_text__contains=f"|{folded}|"):
        names.extend([skill.name_en, skill.name_es, *skill.aliases])
    return names
