"""The old preference columns go, now that 0004 copied them into the vocabulary's sets; the
database checks the sets hold only the members a seeker can choose (and at least one setting).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("seekers", "0004_copy_preferences")]

    operations = [
        migrations.RemoveConstraint(model_name="seekerprofile", name="seekers_work_setting"),
        migrations.RemoveField(model_name="seekerprofile", name="available_days"),
        migrations.RemoveField(model_name="seekerprofile", name="available_evenings"),
        migrations.RemoveField(model_name="seekerprofile", name="available_weekends"),
        migrations.RemoveField(model_name="seekerprofile", name="work_setting"),
        migrations.AddConstraint(
            model_name="seekerprofile",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("work_settings__within", ["onsite", "hybrid", "remote"]),
                    models.Q(("work_settings", 0), _negated=True),
                ),
                name="seekers_work_settings",
            ),
        ),
        migrations.AddConstraint(
            model_name="seekerprofile",
            constraint=models.CheckConstraint(
                condition=models.Q(("availability__within", ["day", "evening", "night", "weekend"])),
                name="seekers_availability",
            ),
        ),
    ]
