"""A verified hire of someone who completed a training tells trainings the person is placed
(Enrollment.placed_at, the fact behind a program's placement rate); the migration that
introduced the fact filled it in from the hires verified before."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from apps.employers.models import Hire
from apps.employers.services import hires as services
from apps.trainings.models import Enrollment
from tests.factories.hires import complete_training, make_application, occupation, training_cohort


def report(employer, application):
    return services.report_hire(
        employer=employer,
        actor=None,
        occupation=occupation(),
        start_date=timezone.localdate(),
        wage=Decimal("20.00"),
        wage_unit="hour",
        application=application,
        external_name="",
    )


@pytest.mark.django_db
def test_verifying_the_hire_places_the_graduate(personas):
    application = make_application(employer=personas.orgs.employer)
    enrollment = complete_training(application.seeker)
    hire = report(personas.orgs.employer, application)
    enrollment.refresh_from_db()
    assert enrollment.placed_at is None  # reported is not verified
    hire = services.verify_hire(hire=hire, reviewer=personas.staff)
    enrollment.refresh_from_db()
    assert enrollment.placed_at == hire.decided_at


@pytest.mark.django_db
def test_rejecting_the_hire_places_nobody(personas):
    application = make_application(employer=personas.orgs.employer)
    enrollment = complete_training(application.seeker)
    hire = report(personas.orgs.employer, application)
    services.reject_hire(hire=hire, reviewer=personas.staff, reason="Wrong person.")
    enrollment.refresh_from_db()
    assert enrollment.placed_at is None


BEFORE = [
    ("employers", "0007_derive_hire_pledges"),
    ("trainings", "0003_enrollment_placed_at"),
]
BACKFILL = [("employers", "0008_backfill_training_placements")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_placements_from_verified_hires(personas):
    cohort, teacher = training_cohort()
    verified_app = make_application(employer=personas.orgs.employer)
    verified_enrollment = complete_training(verified_app.seeker, cohort, teacher)
    verified = services.verify_hire(
        hire=report(personas.orgs.employer, verified_app), reviewer=personas.staff
    )
    waiting_app = make_application(employer=personas.orgs.employer)
    waiting_enrollment = complete_training(waiting_app.seeker, cohort, teacher)
    report(personas.orgs.employer, waiting_app)
    Enrollment.objects.update(placed_at=None)  # as before the fact existed

    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        executor.loader.build_graph()
        executor.migrate(BACKFILL)
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert Enrollment.objects.get(pk=verified_enrollment.pk).placed_at == verified.decided_at
    assert Enrollment.objects.get(pk=waiting_enrollment.pk).placed_at is None
    assert Hire.objects.count() == 2
