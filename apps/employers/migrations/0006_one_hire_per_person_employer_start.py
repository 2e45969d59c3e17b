# One standing hire per person per employer per start date (was: per person, ever), so a later
# job elsewhere can be recorded. Every existing row already satisfies the looser rule.

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('employers', '0005_hire_decided_by_decided_at'),
        ('skills', '0002_load_taxonomy'),
        ('trainings', '0002_search_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='hire',
            name='employers_one_hire_per_seeker',
        ),
        migrations.RemoveConstraint(
            model_name='hire',
            name='employers_one_hire_per_external_person',
        ),
        migrations.AddConstraint(
            model_name='hire',
            constraint=models.UniqueConstraint(condition=models.Q(('seeker__isnull', False), models.Q(('status', 'rejected'), _negated=True)), fields=('seeker', 'employer', 'start_date'), name='employers_one_hire_per_seeker_employer_start'),
        ),
        migrations.AddConstraint(
            model_name='hire',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('external_email'), models.F('employer'), models.F('start_date'), condition=models.Q(('seeker__isnull', True), models.Q(('status', 'rejected'), _negated=True)), name='employers_one_hire_per_external_employer_start'),
        ),
    ]
