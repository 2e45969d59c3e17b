"""The hire services and the database rules behind them: each person counts once (a partial
unique index), a rejected hire does not block a corrected report, and the hire links to the
training the person completed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.employers.models import Hire
from apps.employers.services.hires import reject_hire, report_hire, verify_hire
from apps.employers.services.pledges import save_pledge
from apps.trainings import services as training_services
from apps.trainings.models import EnrollmentStatus
from tests.factories.hires import (
    complete_training,
    make_application,
    make_hire,
    make_job,
    make_pledge,
    occupation,
    training_cohort,
)

pytestmark = pytest.mark.django_db


def report(employer, actor=None, **kwargs):
    defaults = {
        "external_name": "" if kwargs.get("application") else "Pat Example",
        "occupation": occupation(),
        "start_date": timezone.localdate(),
        "wage": Decimal("20.00"),
        "wage_unit": "hour",
    }
    return report_hire(employer=employer, actor=actor, **{**defaults, **kwargs})


# ---------------------------------------------------------------------------
# One standing hire per person per employer per start date
# ---------------------------------------------------------------------------
def test_the_same_hire_cannot_be_reported_twice(personas):
    org = personas.orgs.employer
    first = make_application(employer=org)
    hire = make_hire(org, application=first, status="verified")
    second = make_application(job=make_job(org, title="Second Job"), seeker=first.seeker)
    with pytest.raises(ValidationError) as caught:
        report(org, application=second, start_date=hire.start_date)
    assert caught.value.code == "already_reported"
    assert "This hire is already reported" in caught.value.messages[0]
    assert Hire.objects.count() == 1


def test_a_waiting_external_hire_blocks_the_same_report_too(personas):
    hire = make_hire(personas.orgs.employer, external_email="ana@people.example")
    with pytest.raises(ValidationError) as caught:
        report(
            personas.orgs.employer, external_email="Ana@People.example", start_date=hire.start_date
        )
    assert caught.value.code == "already_reported"
    assert Hire.objects.count() == 1


def test_a_later_job_elsewhere_or_a_new_start_can_be_recorded(personas):
    """One person, several real hires: another employer, or the same employer later."""
    first = make_application(employer=personas.orgs.employer)
    hire = make_hire(personas.orgs.employer, application=first, status="verified")
    elsewhere = make_application(employer=personas.orgs.other_employer, seeker=first.seeker)
    assert report(personas.orgs.other_employer, application=elsewhere, start_date=hire.start_date)
    make_hire(personas.orgs.employer, external_email="ana@people.example", start_days_ago=30)
    assert report(personas.orgs.employer, external_email="ana@people.example")
    assert report(personas.orgs.other_employer, external_email="ana@people.example")
    assert Hire.objects.count() == 5


def test_a_rejected_hire_does_not_block_a_corrected_report(personas):
    org = personas.orgs.employer
    make_hire(org, external_email="ana@people.example", status="rejected")
    again = report(org, external_email="ana@people.example", external_name="Ana")
    assert again.status == "reported"
    first = make_application(employer=org)
    make_hire(org, application=first, status="rejected")
    # The same seeker, hired through another of the employer's jobs.
    second = make_application(job=make_job(org, title="Second Job"), seeker=first.seeker)
    assert report(org, application=second).seeker == first.seeker
    assert Hire.objects.filter(status="reported").count() == 2


def test_a_rejected_hire_can_be_reported_again_from_the_same_application(personas):
    org = personas.orgs.employer
    application = make_application(employer=org)
    make_hire(org, application=application, status="rejected")
    assert report(org, application=application).status == "reported"


def test_the_database_enforces_one_hire_per_person_employer_start_without_the_service(personas):
    """A race between two reports is settled by the partial unique index, not by Python."""
    org = personas.orgs.employer
    hire = make_hire(org, external_email="ana@people.example")
    duplicate = Hire(
        employer=org,
        external_email="ANA@people.example",
        occupation=hire.occupation,
        start_date=hire.start_date,
        wage=hire.wage,
        wage_unit="hour",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_bad_wage_is_not_mistaken_for_a_second_hire(personas):
    with pytest.raises(ValidationError) as caught:
        report(personas.orgs.employer, external_email="x@people.example", wage=Decimal("0"))
    assert "wage" in caught.value.message_dict
    assert "already reported" not in str(caught.value)


# ---------------------------------------------------------------------------
# Other checks of report_hire
# ---------------------------------------------------------------------------
def test_an_application_must_be_the_employers_and_marked_hired(personas):
    theirs = make_application(employer=personas.orgs.other_employer)
    with pytest.raises(ValidationError, match="not for one of your jobs"):
        report(personas.orgs.employer, application=theirs)
    offer = make_application(employer=personas.orgs.employer, status="offer")
    with pytest.raises(ValidationError, match="Hired"):
        report(personas.orgs.employer, application=offer)
    assert not Hire.objects.exists()


def test_an_external_hire_needs_an_email(personas):
    with pytest.raises(ValidationError) as caught:
        report(personas.orgs.employer, external_name="No Email")
    assert "external_email" in caught.value.message_dict
    assert not Hire.objects.exists()


# ---------------------------------------------------------------------------
# The training the person completed
# ---------------------------------------------------------------------------
def test_the_hire_links_to_the_training_the_person_completed(personas):
    application = make_application(employer=personas.orgs.employer)
    enrollment = complete_training(application.seeker)
    hire = report(personas.orgs.employer, application=application)
    assert hire.training_enrollment == enrollment
    assert hire.training_enrollment.cohort.program.title == "Python Evenings"


def test_a_training_not_completed_is_not_linked(personas):
    application = make_application(employer=personas.orgs.employer)
    cohort, teacher = training_cohort(title="Help Desk Basics")
    enrollment = training_services.apply(seeker=application.seeker, cohort=cohort)
    training_services.change_status(
        enrollment=enrollment, to=EnrollmentStatus.ACCEPTED, actor=teacher
    )
    hire = report(personas.orgs.employer, application=application)
    assert hire.training_enrollment is None


def test_an_external_hire_has_no_training(personas):
    assert (
        report(personas.orgs.employer, external_email="x@people.example").training_enrollment
        is None
    )


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------
def test_save_pledge_refuses_an_ended_pledge_and_a_past_date(personas):
    org = personas.orgs.employer
    ended = make_pledge(org, hires=4, by_date=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError, match="has ended"):
        save_pledge(
            employer=org,
            data={"hires": 9, "by_date": timezone.localdate() + timedelta(days=9)},
            occupations=[occupation()],
            signed_by=personas.employer,
            pledge=ended,
        )
    with pytest.raises(ValidationError) as caught:
        save_pledge(
            employer=org,
            data={"hires": 9, "by_date": timezone.localdate() - timedelta(days=9)},
            occupations=[occupation()],
            signed_by=personas.employer,
        )
    assert "by_date" in caught.value.message_dict
    ended.refresh_from_db()
    assert ended.hires == 4
    assert org.pledges.count() == 1


# ---------------------------------------------------------------------------
# Wages a person could really be paid
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "wage,unit,message",
    [
        ("5", "year", "Enter a yearly salary of at least $10,000. If this amount is per hour"),
        ("9999.99", "year", "Enter a yearly salary of at least $10,000."),
        ("7.24", "hour", "Enter an hourly wage of at least $7.25, the federal minimum wage."),
        ("0", "hour", "Enter an hourly wage of at least $7.25"),
        ("500.01", "hour", "Enter an hourly wage of at most $500."),
        ("1000000.01", "year", "Enter a yearly salary of at most $1,000,000."),
    ],
)
def test_report_hire_refuses_wages_out_of_bounds(personas, wage, unit, message):
    with pytest.raises(ValidationError) as caught:
        report(
            personas.orgs.employer,
            external_email="pat@people.example",
            wage=Decimal(wage),
            wage_unit=unit,
        )
    assert caught.value.message_dict["wage"][0].startswith(message)
    assert not Hire.objects.exists()


@pytest.mark.parametrize(
    "wage,unit", [("7.25", "hour"), ("500", "hour"), ("10000", "year"), ("1000000", "year")]
)
def test_the_wage_limits_are_inclusive(personas, wage, unit):
    hire = report(
        personas.orgs.employer,
        external_email="pat@people.example",
        wage=Decimal(wage),
        wage_unit=unit,
    )
    assert hire.wage == Decimal(wage) and hire.wage_unit == unit


# ---------------------------------------------------------------------------
# Only an approved employer's hires are reported and verified
# ---------------------------------------------------------------------------
def test_a_pending_employer_cannot_report_a_hire(personas):
    with pytest.raises(ValidationError) as caught:
        report(personas.orgs.pending, actor=personas.pending_employer)
    assert caught.value.code == "employer_not_approved"
    assert not Hire.objects.exists()


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_hire_of_an_employer_no_longer_approved_cannot_be_verified(personas, status):
    hire = make_hire(personas.orgs.employer)
    personas.orgs.employer.status = status
    personas.orgs.employer.rejection_reason = "Not a real company." if status == "rejected" else ""
    personas.orgs.employer.save(update_fields=["status", "rejection_reason"])
    with pytest.raises(ValidationError) as caught:
        verify_hire(hire=Hire.objects.get(pk=hire.pk), reviewer=personas.staff)
    assert caught.value.code == "employer_not_approved"
    assert "Sun City Software is not approved, so its hires can't be verified." in str(caught.value)
    hire.refresh_from_db()
    assert hire.status == "reported" and hire.decided_by is None
    # Staff can still say why it doesn't count.
    reject_hire(hire=hire, reviewer=personas.staff, reason="Not an approved employer.")
    hire.refresh_from_db()
    assert hire.status == "rejected"
