"""Catalog search ranked through indexes (apps/core/search.py): two short documents beside
the whole one — the title alone and the title with the taxonomy words — each GIN-indexed on
PostgreSQL, and indexes ordering published programs by title and by cost. Every program's
documents are rebuilt. On SQLite the documents stay empty and the GIN indexes are skipped."""

import django.contrib.postgres.search
import django.db.models.functions.text
from django.db import migrations, models

from apps.core.search import documents

GIN = {
    "trainings_program_title_gin": "title_vector",
    "trainings_program_head_gin": "head_vector",
}


def create_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in GIN.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON trainings_program USING gin ({column})"
            )


def drop_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in GIN:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def rebuild_documents(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        Program = apps.get_model("trainings", "Program")
        Program.objects.update(
            **documents({"A": ["title"], "B": ["skills_text"], "C": ["summary", "description"]})
        )


class Migration(migrations.Migration):
    dependencies = [("trainings", "0008_search_unaccent_and_newest_index")]

    operations = [
        migrations.AddField(
            model_name="program",
            name="head_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="program",
            index=models.Index(
                django.db.models.functions.text.Lower("title"),
                models.F("id"),
                condition=models.Q(("status", "published")),
                name="trainings_program_title",
            ),
        ),
        migrations.AddIndex(
            model_name="program",
            index=models.Index(
                models.F("total_cost"),
                django.db.models.functions.text.Lower("title"),
                models.F("id"),
                condition=models.Q(("status", "published")),
                name="trainings_program_cost",
            ),
        ),
        migrations.RunPython(create_gin_indexes, drop_gin_indexes),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
    ]
