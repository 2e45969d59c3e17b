"""Seekers get their work settings and availability as sets of the shared vocabulary
(apps/skills/vocabulary.py); 0004 copies the old columns into them, 0005 drops those."""

import apps.skills.vocabulary
from django.db import migrations

class Migration(migrations.Migration):
    dependencies = [("seekers", "0002_demographics_education_prefer_not")]

    operations = [
        migrations.AddField(
            model_name="seekerprofile",
            name="work_settings",
            field=apps.skills.vocabulary.ChoiceSetField(
                allowed=["onsite", "hybrid", "remote"],
                default=7,
                verbose_name="where you want to work",
                vocabulary=apps.skills.vocabulary.WorkSetting,
            ),
        ),
        migrations.AddField(
            model_name="seekerprofile",
            name="availability",
            field=apps.skills.vocabulary.ChoiceSetField(
                allowed=["day", "evening", "night", "weekend"],
                blank=True,
                default=0,
                verbose_name="when you can work or study",
                vocabulary=apps.skills.vocabulary.Schedule,
            ),
        ),
    ]
