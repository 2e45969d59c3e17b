"""A program's format holds a work setting of the shared vocabulary
(apps/skills/vocabulary.py), shown with a class's words: "in_person" -> "onsite" (In person),
"online" -> "remote" (Online), "hybrid" stays. Schedules keep their codes.
"""

from django.db import migrations

FORMATS = {"in_person": "onsite", "online": "remote"}


def forward(apps, schema_editor):
    programs = apps.get_model("trainings", "Program").objects
    for old, new in FORMATS.items():
        programs.filter(format=old).update(format=new)


def backward(apps, schema_editor):
    programs = apps.get_model("trainings", "Program").objects
    for old, new in FORMATS.items():
        programs.filter(format=new).update(format=old)


class Migration(migrations.Migration):
    dependencies = [("trainings", "0004_format_choices")]

    # Its own migration: on PostgreSQL, a table can't be altered in the transaction that
    # updated its rows (pending trigger events), in either direction.
    operations = [migrations.RunPython(forward, backward)]
