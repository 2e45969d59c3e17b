"""Load apps/skills/data/taxonomy.json: update rows by slug / SOC code, never delete."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "taxonomy.json"


def read() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def load(apps=None) -> dict:
    """Create or update categories, skills and occupations. `apps` is a migration's registry."""
    from .text import fold

    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    category_model = apps.get_model("skills", "SkillCategory")
    skill_model = apps.get_model("skills", "Skill")
    occupation_model = apps.get_model("skills", "Occupation")
    data = read()
    categories = {}
    for position, row in enumerate(data["categories"]):
        categories[row["slug"]], _ = category_model.objects.update_or_create(
            slug=row["slug"],
            defaults={"name_en": row["name_en"], "name_es": row["name_es"], "position": position},
        )
    for row in data["skills"]:
        aliases = row.get("aliases", [])
        labels = [row["name_en"], row["name_es"], *aliases]
        skill_model.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "category": categories[row["category"]],
                "name_en": row["name_en"],
                "name_es": row["name_es"],
                "aliases": aliases,
                # Set here too: a migration's historical model has no custom save().
                "search_text": "|" + "|".join(fold(t) for t in labels) + "|",
            },
        )
    for row in data["occupations"]:
        occupation_model.objects.update_or_create(
            soc_code=row["soc_code"],
            defaults={
                "title_en": row["title_en"],
                "title_es": row["title_es"],
                "is_tech": row["is_tech"],
            },
        )
    return {
        "version": data["version"],
        "categories": len(data["categories"]),
        "skills": len(data["skills"]),
        "occupations": len(data["occupations"]),
    }
