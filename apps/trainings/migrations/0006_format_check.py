"""The database checks a program's format is a work setting (after 0004 mapped the rows)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("trainings", "0005_format_is_a_work_setting")]

    operations = [
        migrations.AddConstraint(
            model_name="program",
            constraint=models.CheckConstraint(
                condition=models.Q(("format__in", ["onsite", "hybrid", "remote"])),
                name="trainings_format_valid",
            ),
        ),
    ]
