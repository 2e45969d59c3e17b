# The reviewer's decision on a hire is a verification or a rejection: name the fields for both.
# RenameField keeps every recorded decision.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0004_job_review_and_length_checks"),
    ]

    operations = [
        migrations.RenameField(model_name="hire", old_name="verified_by", new_name="decided_by"),
        migrations.RenameField(model_name="hire", old_name="verified_at", new_name="decided_at"),
    ]
