"""A program's format holds a work setting of the shared vocabulary
(apps/skills/vocabulary.py), shown with a class's words: "in_person" -> "onsite" (In person),
"online" -> "remote" (Online), "hybrid" stays. Schedules keep their codes.
"""

from django.db import migrations, models

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
    dependencies = [("trainings", "0002_search_index")]

    operations = [
        migrations.RemoveConstraint(model_name="program", name="trainings_format_valid"),
        migrations.AlterField(
            model_name="program",
            name="format",
            field=models.CharField(
                choices=[("onsite", "In person"), ("hybrid", "Hybrid"), ("remote", "Online")],
                max_length=16,
                verbose_name="format",
            ),
        ),
        migrations.RunPython(forward, backward),
        migrations.AddConstraint(
            model_name="program",
            constraint=models.CheckConstraint(
                condition=models.Q(("format__in", ["onsite", "hybrid", "remote"])),
                name="trainings_format_valid",
            ),
        ),
    ]
