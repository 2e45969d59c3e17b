"""Load version 1 of apps/skills/data/taxonomy.json. A new version gets a new migration."""

from django.db import migrations


def load(apps, schema_editor):
    from apps.skills.loader import load as load_taxonomy

    load_taxonomy(apps)


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
