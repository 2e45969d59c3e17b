"""Bilingual, accent-insensitive catalog search (apps/core/search.py): the `unaccent`
extension, every program's folded taxonomy words and document rebuilt, and an index walking
published programs newest first. On SQLite the extension and documents are skipped."""

import django.db.models.expressions
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

from apps.core.search import folded_words, vector


class KeepUnaccent(UnaccentExtension):
    """Created if missing; kept when migrating back: the other catalog's documents (jobs,
    programs) use it too."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def rebuild_documents(apps, schema_editor):
    Program = apps.get_model("trainings", "Program")
    rows = list(Program.objects.prefetch_related("skills", "occupations"))
    for row in rows:
        titles = [t for o in row.occupations.all() for t in (o.title_en, o.title_es)]
        names = [n for s in row.skills.all() for n in (s.name_en, s.name_es, *s.aliases)]
        row.skills_text = folded_words(*titles, *names)
    Program.objects.bulk_update(rows, ["skills_text"], batch_size=500)
    if schema_editor.connection.vendor == "postgresql":
        Program.objects.update(
            search_vector=vector(
                {"A": ["title"], "B": ["skills_text"], "C": ["summary", "description"]}
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0007_enrollment_early_reason"),
        ("skills", "0002_load_taxonomy"),
    ]

    operations = [
        KeepUnaccent(),
        migrations.AddIndex(
            model_name="program",
            index=models.Index(
                django.db.models.expressions.OrderBy(
                    django.db.models.expressions.F("published_at"), descending=True
                ),
                django.db.models.expressions.OrderBy(
                    django.db.models.expressions.F("id"), descending=True
                ),
                condition=models.Q(("status", "published")),
                name="trainings_program_newest",
            ),
        ),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
    ]
