"""A GIN index for the job search's full-text search, on PostgreSQL only.

The embedded SQLite default searches with a simple substring fallback instead.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS employers_job_search_gin "
            "ON employers_job USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS employers_job_search_gin")


class Migration(migrations.Migration):
    dependencies = [("employers", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
