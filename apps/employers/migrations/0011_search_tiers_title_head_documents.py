"""Search ranked through indexes (apps/core/search.py): two short documents beside the whole
one — the title alone and the title with the taxonomy words — each GIN-indexed on
PostgreSQL, an index on the lowercased title of published jobs (the exact-title tier) and
one ordering published jobs by yearly pay. Every job's documents are rebuilt. On SQLite the
documents stay empty and the GIN indexes are skipped (substring fallback)."""

import django.contrib.postgres.search
import django.db.models.expressions
import django.db.models.functions.text
from django.db import migrations, models

from apps.core.search import documents

GIN = {
    "employers_job_title_gin": "title_vector",
    "employers_job_head_gin": "head_vector",
}


def create_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in GIN.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON employers_job USING gin ({column})"
            )


def drop_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in GIN:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def rebuild_documents(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        Job = apps.get_model("employers", "Job")
        Job.objects.update(
            **documents({"A": ["title"], "B": ["skills_text"], "C": ["description"]})
        )


def yearly(field):
    return models.Case(
        models.When(
            pay_unit="hour",
            then=django.db.models.expressions.CombinedExpression(
                models.F(field), "*", models.Value(2080)
            ),
        ),
        default=models.F(field),
        output_field=models.DecimalField(decimal_places=2, max_digits=14),
    )


class Migration(migrations.Migration):
    dependencies = [("employers", "0010_search_unaccent_and_newest_index")]

    operations = [
        migrations.AddField(
            model_name="job",
            name="head_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="job",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                django.db.models.functions.text.Lower("title"),
                condition=models.Q(("status", "published")),
                name="employers_job_published_title",
            ),
        ),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                models.OrderBy(yearly("pay_max"), descending=True),
                models.OrderBy(yearly("pay_min"), descending=True),
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status", "published")),
                name="employers_job_published_pay",
            ),
        ),
        migrations.RunPython(create_gin_indexes, drop_gin_indexes),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
    ]
