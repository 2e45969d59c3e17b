"""Migrations 0006 (one standing hire per person per employer per start date) and 0007
(`Hire.pledge` derived by the filling rule) on real rows."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from apps.employers.models import Hire
from tests.factories.hires import DEVELOPERS, HELP_DESK, make_application, make_hire, make_pledge

BEFORE = [("employers", "0005_hire_decided_by_decided_at")]
AFTER = [("employers", "0007_derive_hire_pledges")]

# Migrating changes the schema, which a rolled-back transaction can't undo cleanly.
pytestmark = pytest.mark.django_db(transaction=True)


def test_existing_hires_keep_their_rows_and_get_their_pledge_by_the_rule(personas):
    org, other = personas.orgs.employer, personas.orgs.other_employer
    sooner = make_pledge(org, hires=1, soc_codes=[DEVELOPERS])
    later = make_pledge(org, hires=5, by_date=sooner.by_date + timedelta(days=30))
    help_desk = make_pledge(org, hires=5, soc_codes=[HELP_DESK])
    theirs = make_pledge(other, hires=5)
    application = make_application(employer=org)
    first = make_hire(org, application=application, status="verified", start_days_ago=20)
    second = make_hire(org, status="verified", start_days_ago=10)
    waiting = make_hire(org, start_days_ago=5)
    rejected = make_hire(org, status="rejected", start_days_ago=5)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps.get_model("employers", "Hire")
        # What employers chose under the old form: not always what the rule gives.
        old.objects.filter(pk=first.pk).update(pledge_id=later.pk)
        old.objects.filter(pk=second.pk).update(pledge_id=help_desk.pk)
        old.objects.filter(pk=waiting.pk).update(pledge_id=sooner.pk)
        old.objects.filter(pk=rejected.pk).update(pledge_id=theirs.pk)
        # The old rule: one standing hire per person, ever.
        with pytest.raises(IntegrityError), transaction.atomic():
            row = old.objects.get(pk=first.pk)
            row.pk, row.employer_id, row.application_id = None, other.pk, None
            row.save()

        executor.loader.build_graph()
        executor.migrate(AFTER)
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert Hire.objects.count() == 4
    # In order of start date: the first fills the earliest-ending pledge (room 1), the
    # second the next one that fits; hires not verified hold none.
    pledges = dict(Hire.objects.values_list("pk", "pledge_id"))
    assert pledges == {
        first.pk: sooner.pk,
        second.pk: later.pk,
        waiting.pk: None,
        rejected.pk: None,
    }
    # The new rule: the same person can start a job elsewhere...
    elsewhere = Hire.objects.create(
        employer=other,
        seeker=first.seeker,
        occupation=first.occupation,
        start_date=first.start_date,
        wage=Decimal("25"),
        wage_unit="hour",
    )
    assert elsewhere.pk
    # ...but not be reported twice by the same employer for the same start.
    with pytest.raises(IntegrityError), transaction.atomic():
        Hire.objects.create(
            employer=org,
            seeker=first.seeker,
            occupation=first.occupation,
            start_date=first.start_date,
            wage=Decimal("25"),
            wage_unit="hour",
        )
