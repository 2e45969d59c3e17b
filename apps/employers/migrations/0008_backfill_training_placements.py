"""Trainings now keeps its own placement fact (Enrollment.placed_at) instead of reading
employers' hires. Employers, the layer above, fills it in for the hires verified so far:
the first verification of a hire linked to the enrollment counts."""

from django.db import migrations
from django.db.models import Min


def backfill(apps, schema_editor):
    Hire = apps.get_model("employers", "Hire")
    Enrollment = apps.get_model("trainings", "Enrollment")
    first = (
        Hire.objects.filter(status="verified", training_enrollment__isnull=False)
        .values("training_enrollment")
        .annotate(first_at=Min("decided_at"), first_updated=Min("updated_at"))
    )
    for row in first.iterator():
        Enrollment.objects.filter(pk=row["training_enrollment"], placed_at__isnull=True).update(
            placed_at=row["first_at"] or row["first_updated"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0007_derive_hire_pledges"),
        ("trainings", "0003_enrollment_placed_at"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
