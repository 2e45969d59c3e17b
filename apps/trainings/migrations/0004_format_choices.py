"""A program's format will hold a work setting of the shared vocabulary
(apps/skills/vocabulary.py): the old check goes, 0004 maps the rows, 0005 checks again."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("trainings", "0003_enrollment_placed_at")]

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
    ]
