"""Bilingual, accent-insensitive job search (apps/core/search.py): the `unaccent` extension,
every job's folded taxonomy words and document rebuilt, and an index walking published jobs
newest first. On SQLite the extension and the documents are skipped (substring fallback)."""

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
    Job = apps.get_model("employers", "Job")
    rows = list(
        Job.objects.select_related("occupation").prefetch_related(
            "required_skills", "preferred_skills"
        )
    )
    for row in rows:
        skills = [*row.required_skills.all(), *row.preferred_skills.all()]
        names = [n for s in skills for n in (s.name_en, s.name_es, *s.aliases)]
        row.skills_text = folded_words(row.occupation.title_en, row.occupation.title_es, *names)
    Job.objects.bulk_update(rows, ["skills_text"], batch_size=500)
    if schema_editor.connection.vendor == "postgresql":
        Job.objects.update(
            search_vector=vector({"A": ["title"], "B": ["skills_text"], "C": ["description"]})
        )


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0009_job_schedule_vocabulary"),
        ("skills", "0002_load_taxonomy"),
    ]

    operations = [
        KeepUnaccent(),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                django.db.models.expressions.OrderBy(
                    django.db.models.expressions.F("published_at"), descending=True
                ),
                django.db.models.expressions.OrderBy(
                    django.db.models.expressions.F("id"), descending=True
                ),
                condition=models.Q(("status", "published")),
                name="employers_job_published_newest",
            ),
        ),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
    ]
