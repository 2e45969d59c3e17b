"""A seeker's work settings and availability become sets of the shared vocabulary
(apps/skills/vocabulary.py), stored as bitmasks; every profile keeps its meaning:

- work setting: "any" -> on site + hybrid + remote; "onsite", "hybrid", "remote" -> that one;
- availability: weekdays -> daytime, evenings -> evenings, weekends -> weekends.

The old columns go in 0005. Going back, a set the old single choice can't hold (say on site
+ remote) becomes "any", and nights (new) are dropped.
"""

from django.db import migrations
from django.db.models import F

# The bits as this migration knows them; tests/skills/test_vocabulary.py pins them.
ONSITE, HYBRID, REMOTE = 1, 2, 4
DAY, EVENING, NIGHT, WEEKEND = 1, 2, 4, 8
SETTINGS = {"any": ONSITE | HYBRID | REMOTE, "onsite": ONSITE, "hybrid": HYBRID, "remote": REMOTE}
FLAGS = {"available_days": DAY, "available_evenings": EVENING, "available_weekends": WEEKEND}


def forward(apps, schema_editor):
    profiles = apps.get_model("seekers", "SeekerProfile").objects
    for old, mask in SETTINGS.items():
        profiles.filter(work_setting=old).update(work_settings=mask)
    profiles.update(availability=0)
    for flag, bit in FLAGS.items():
        profiles.filter(**{flag: True}).update(availability=F("availability").bitor(bit))


def backward(apps, schema_editor):
    profiles = apps.get_model("seekers", "SeekerProfile").objects
    profiles.update(work_setting="any")
    for old, mask in SETTINGS.items():
        profiles.filter(work_settings=mask).update(work_setting=old)
    for flag, bit in FLAGS.items():
        profiles.update(**{flag: False})
        profiles.filter(availability__has_any=bit).update(**{flag: True})


class Migration(migrations.Migration):
    dependencies = [("seekers", "0003_work_settings_and_availability")]

    # Its own migration: on PostgreSQL, a table can't be altered in the transaction that
    # updated its rows (pending trigger events), in either direction.
    operations = [migrations.RunPython(forward, backward)]
