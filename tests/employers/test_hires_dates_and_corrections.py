"""Hire records that can't be right: a start before the application (or before the job was
posted) is refused by the form and the service; staff see a warning on implausible dates;
an employer corrects a hire while it still waits for verification."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.employers.models import IMPLAUSIBLE_START_DAYS, Hire, Job
from apps.employers.services.hires import correct_hire, report_hire
from tests.factories.hires import (
    DEVELOPERS,
    HELP_DESK,
    make_application,
    make_hire,
    occupation,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(n: int):
    return TODAY - timedelta(days=n)


def report(employer, **kwargs):
    defaults = {
        "actor": None,
        "occupation": occupation(),
        "start_date": TODAY,
        "wage": Decimal("20.00"),
        "wage_unit": "hour",
    }
    return report_hire(employer=employer, **{**defaults, **kwargs})


# ---------------------------------------------------------------------------
# A start before the application or the posting is refused
# ---------------------------------------------------------------------------
def test_the_service_refuses_a_start_before_the_application(personas):
    org = personas.orgs.employer
    application = make_application(employer=org, applied_days_ago=30)
    with pytest.raises(ValidationError) as caught:
        report(org, application=application, start_date=days_ago(31))
    assert "the day they applied" in caught.value.message_dict["start_date"][0]
    assert not Hire.objects.exists()
    # The day they applied is possible (a same-day start).
    assert report(org, application=application, start_date=days_ago(30))


def test_the_service_refuses_a_start_before_the_job_was_posted(personas):
    org = personas.orgs.employer
    application = make_application(employer=org, applied_days_ago=30)
    # The job went live after the application was recorded (a repost, an edit): the
    # posting date is the later bound.
    Job.objects.filter(pk=application.job_id).update(
        published_at=timezone.now() - timedelta(days=10)
    )
    application.job.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        report(org, application=application, start_date=days_ago(11))
    assert "the day the job was posted" in caught.value.message_dict["start_date"][0]
    assert report(org, application=application, start_date=days_ago(10))


def test_the_form_refuses_a_start_before_the_application_with_a_clear_message(client, personas):
    org = personas.orgs.employer
    application = make_application(employer=org, applied_days_ago=3)
    client.force_login(personas.employer)
    response = client.post(
        reverse("employers:hire_create") + f"?application={application.pk}",
        {
            "occupation": occupation().pk,
            "start_date": "2019-01-01",
            "wage": "20.00",
            "wage_unit": "hour",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "the day they applied. Check the date they started." in html
    assert 'data-testid="form-errors"' in html
    assert not Hire.objects.exists()


def test_an_external_hire_may_start_long_ago(personas):
    """Nothing on the portal dates an outside hire; staff see a warning instead."""
    hire = report(
        personas.orgs.employer,
        external_name="Rosa Vega",
        external_email="rosa@people.example",
        start_date=days_ago(400),
    )
    assert hire.starts_long_before_report


# ---------------------------------------------------------------------------
# Staff see implausible dates
# ---------------------------------------------------------------------------
def test_the_queue_warns_about_a_start_long_before_the_report(client, personas):
    org = personas.orgs.employer
    late = make_hire(org, external_name="Late Report", start_days_ago=IMPLAUSIBLE_START_DAYS + 1)
    fine = make_hire(org, external_name="On Time", start_days_ago=IMPLAUSIBLE_START_DAYS)
    client.force_login(personas.staff)
    html = client.get(reverse("employers:hire_queue")).content.decode()
    assert f'data-testid="date-warning-{late.pk}"' in html
    assert f"the hire started {IMPLAUSIBLE_START_DAYS + 1} days before it was reported" in html
    assert f'data-testid="date-warning-{fine.pk}"' not in html


def test_the_queue_warns_about_an_older_row_starting_before_the_application(client, personas):
    org = personas.orgs.employer
    application = make_application(employer=org, applied_days_ago=30)
    hire = make_hire(org, application=application, start_days_ago=10)
    # A row recorded before the rule existed.
    Hire.objects.filter(pk=hire.pk).update(start_date=days_ago(40))
    client.force_login(personas.staff)
    html = client.get(reverse("employers:hire_queue")).content.decode()
    assert f'data-testid="date-warning-{hire.pk}"' in html
    assert "this start date is before the person applied" in html


# ---------------------------------------------------------------------------
# The employer corrects a waiting hire
# ---------------------------------------------------------------------------
def edit_url(hire) -> str:
    return reverse("employers:hire_edit", args=[hire.pk])


def correction(**overrides) -> dict:
    data = {
        "external_name": "Ana Flores",
        "external_email": "ana.flores@people.example",
        "occupation": occupation(HELP_DESK).pk,
        "start_date": days_ago(3).isoformat(),
        "wage": "21.50",
        "wage_unit": "hour",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", ["employer", "employer_member"])
def test_a_team_member_corrects_a_waiting_external_hire(client, personas, persona):
    hire = make_hire(personas.orgs.employer, external_name="Ana Flors", wage="215")
    client.force_login(getattr(personas, persona))
    list_html = client.get(reverse("employers:hires")).content.decode()
    assert edit_url(hire) in list_html
    page = client.get(edit_url(hire))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="Ana Flors"' in html and 'value="215.00"' in html
    assert "Correct a hire" in html
    response = client.post(edit_url(hire), correction())
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:hires")
    hire.refresh_from_db()
    assert hire.external_name == "Ana Flores"
    assert hire.occupation.soc_code == HELP_DESK
    assert hire.start_date == days_ago(3)
    assert hire.wage == Decimal("21.50")
    assert hire.status == "reported"


def test_a_hire_from_an_application_keeps_its_person(client, personas):
    org = personas.orgs.employer
    application = make_application(employer=org, applied_days_ago=30)
    hire = make_hire(org, application=application, start_days_ago=10)
    client.force_login(personas.employer)
    html = client.get(edit_url(hire)).content.decode()
    assert 'name="external_email"' not in html
    assert application.seeker.display_name in html
    response = client.post(
        edit_url(hire), correction(start_date=days_ago(5).isoformat(), wage="19.00")
    )
    assert response.status_code == 302
    hire.refresh_from_db()
    assert hire.seeker == application.seeker and hire.external_email == ""
    assert hire.start_date == days_ago(5) and hire.wage == Decimal("19.00")
    # The same rule on corrections: not before the application.
    response = client.post(edit_url(hire), correction(start_date=days_ago(31).isoformat()))
    assert response.status_code == 400
    assert "the day they applied" in response.content.decode()
    hire.refresh_from_db()
    assert hire.start_date == days_ago(5)


def test_bad_corrections_are_refused_and_nothing_changes(client, personas):
    hire = make_hire(personas.orgs.employer, external_name="Ana Flores", wage="20.00")
    client.force_login(personas.employer)
    for data, message in [
        ({"wage": "5"}, "at least $7.25"),
        ({"start_date": "not a date"}, "Enter a real date"),
        ({"external_email": ""}, "Enter the email address of the person you hired."),
    ]:
        response = client.post(edit_url(hire), correction(**data))
        assert response.status_code == 400, data
        assert message in response.content.decode()
    hire.refresh_from_db()
    assert hire.wage == Decimal("20.00")


def test_a_correction_cannot_make_a_second_copy_of_another_hire(personas):
    org = personas.orgs.employer
    make_hire(org, external_email="ana@people.example", start_days_ago=5)
    other = make_hire(org, external_email="ana@people.example", start_days_ago=9)
    with pytest.raises(ValidationError) as caught:
        correct_hire(
            hire=other,
            employer=org,
            occupation=occupation(DEVELOPERS),
            start_date=days_ago(5),
            wage=Decimal("20"),
            wage_unit="hour",
            external_name="Ana",
            external_email="ana@people.example",
        )
    assert caught.value.code == "already_reported"
    other.refresh_from_db()
    assert other.start_date == days_ago(9)


@pytest.mark.parametrize("status", ["verified", "rejected"])
def test_a_decided_hire_cannot_be_corrected(client, personas, status):
    hire = make_hire(personas.orgs.employer, status=status, wage="20.00")
    client.force_login(personas.employer)
    assert edit_url(hire) not in client.get(reverse("employers:hires")).content.decode()
    assert client.get(edit_url(hire)).status_code == 404
    assert client.post(edit_url(hire), correction()).status_code == 404
    with pytest.raises(ValidationError) as caught:
        correct_hire(
            hire=hire,
            employer=personas.orgs.employer,
            **{
                "occupation": occupation(),
                "start_date": TODAY,
                "wage": Decimal("30"),
                "wage_unit": "hour",
                "external_email": "x@people.example",
            },
        )
    assert caught.value.code == "decided"
    hire.refresh_from_db()
    assert hire.wage == Decimal("20.00") and hire.status == status


def test_another_employers_hire_answers_404_and_shows_nothing(client, personas):
    hire = make_hire(personas.orgs.other_employer, external_name="Their Secret Hire")
    for persona in ["employer", "employer_member", "pending_employer"]:
        client.force_login(getattr(personas, persona))
        response = client.get(edit_url(hire))
        expected = 403 if persona == "pending_employer" else 404  # not approved: hires closed
        assert response.status_code == expected, persona
        assert "Their Secret Hire" not in response.content.decode()
        assert client.post(edit_url(hire), correction()).status_code == expected
    with pytest.raises(ValidationError):
        correct_hire(
            hire=hire,
            employer=personas.orgs.employer,
            occupation=occupation(),
            start_date=TODAY,
            wage=Decimal("30"),
            wage_unit="hour",
            external_email="x@people.example",
        )
    hire.refresh_from_db()
    assert hire.external_name == "Their Secret Hire"


@pytest.mark.parametrize("persona", ["seeker", "provider", "partner", "staff"])
def test_other_roles_cannot_correct_hires(client, personas, persona):
    hire = make_hire(personas.orgs.employer, wage="20.00")
    client.force_login(getattr(personas, persona))
    assert client.get(edit_url(hire)).status_code in (403, 404)
    assert client.post(edit_url(hire), correction()).status_code in (403, 404)
    hire.refresh_from_db()
    assert hire.wage == Decimal("20.00")


def test_anonymous_visitors_are_sent_to_sign_in(client, personas):
    hire = make_hire(personas.orgs.employer)
    response = client.get(edit_url(hire))
    assert response.status_code == 302
    assert "login" in response["Location"]
