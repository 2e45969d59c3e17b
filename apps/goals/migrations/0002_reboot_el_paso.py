from datetime import date

from django.db import migrations

RULE_EN = (
    "A hire counts when staff have verified it, its occupation is a tech occupation, and its "
    "start date falls between the goal's first and last day (El Paso time). Each person counts "
    "once, however many jobs they take; jobs filled counts every such hire. Pledged hires are "
    "shown beside the count, never added to it."
)
RULE_ES = (
    "Una contratación cuenta cuando el personal la ha verificado, su ocupación es una ocupación "
    "tecnológica y su fecha de inicio cae entre el primer y el último día de la meta (hora de "
    "El Paso). Cada persona cuenta una sola vez, sin importar cuántos empleos tome; los empleos "
    "cubiertos cuentan cada una de esas contrataciones. Las contrataciones prometidas se "
    "muestran junto al conteo, nunca se suman a él."
)


def seed(apps, schema_editor):
    Goal = apps.get_model("goals", "Goal")
    Goal.objects.get_or_create(
        name="Reboot El Paso",
        defaults={
            "target": 400,
            "start": date(2016, 12, 1),
            "end": date(2020, 12, 31),
            "counting_rule_en": RULE_EN,
            "counting_rule_es": RULE_ES,
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("goals", "Goal").objects.filter(name="Reboot El Paso").delete()


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
