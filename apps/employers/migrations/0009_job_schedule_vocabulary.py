"""A job's schedule comes from the shared vocabulary (apps/skills/vocabulary.py), which adds
"weekend"; every old code (day, evening, night, rotating, flexible) keeps its code and
meaning, so no row changes. Work setting and employment type keep their codes too.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("employers", "0008_backfill_training_placements")]

    operations = [
        migrations.RemoveConstraint(model_name="job", name="employers_job_schedule"),
        migrations.AlterField(
            model_name="job",
            name="schedule",
            field=models.CharField(
                choices=[
                    ("day", "Daytime"),
                    ("evening", "Evenings"),
                    ("night", "Nights"),
                    ("weekend", "Weekends"),
                    ("rotating", "Rotating shifts"),
                    ("flexible", "Flexible"),
                ],
                max_length=16,
                verbose_name="schedule",
            ),
        ),
        migrations.AddConstraint(
            model_name="job",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("schedule__in", ["day", "evening", "night", "weekend", "rotating", "flexible"])
                ),
                name="employers_job_schedule",
            ),
        ),
    ]
