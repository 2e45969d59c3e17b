# `Hire.pledge` is derived, no longer chosen by the employer: re-derive it for every existing
# hire by the filling rule (apps/employers/services/pledges.py, frozen here as of this
# migration). A verified hire fills the earliest-ending pledge of its employer that it fits
# (start date between the day the pledge was made and the pledge's date; occupation among
# the pledge's, when it names some) and that still has room, hires taken in order of start
# date. Hires not verified hold no pledge. Going back keeps the derived pledges.

from django.db import migrations
from django.utils import timezone


def derive(apps, schema_editor):
    Hire = apps.get_model("employers", "Hire")
    Pledge = apps.get_model("employers", "Pledge")
    Hire.objects.exclude(status="verified").exclude(pledge=None).update(pledge=None)
    employer_ids = Hire.objects.filter(status="verified").values_list("employer_id", flat=True)
    for employer_id in sorted(set(employer_ids)):
        pledges = [
            (
                pledge.pk,
                timezone.localtime(pledge.created_at).date(),
                pledge.by_date,
                {o.pk for o in pledge.occupations.all()},
            )
            for pledge in Pledge.objects.filter(employer_id=employer_id)
            .prefetch_related("occupations")
            .order_by("by_date", "created_at", "pk")
        ]
        room = dict(Pledge.objects.filter(employer_id=employer_id).values_list("pk", "hires"))
        changed = []
        for hire in Hire.objects.filter(employer_id=employer_id, status="verified").order_by(
            "start_date", "pk"
        ):
            target = None
            for pk, made, by_date, occupations in pledges:
                if (
                    made <= hire.start_date <= by_date
                    and (not occupations or hire.occupation_id in occupations)
                    and room[pk] > 0
                ):
                    target = pk
                    room[pk] -= 1
                    break
            if hire.pledge_id != target:
                hire.pledge_id = target
                changed.append(hire)
        Hire.objects.bulk_update(changed, ["pledge"])


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0006_one_hire_per_person_employer_start"),
    ]

    operations = [migrations.RunPython(derive, migrations.RunPython.noop)]
