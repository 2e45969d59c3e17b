"""An employer records its hires — from an application or of an external candidate — and
follows them on the hires page, with the applicants marked hired but not reported yet."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.employers.models import Hire
from apps.employers.views.hires import PAGE_SIZE
from apps.skills.models import Occupation
from tests.factories.hires import (
    DEVELOPERS,
    HELP_DESK,
    NOT_TECH,
    complete_training,
    make_application,
    make_hire,
    make_job,
    make_pledge,
    occupation,
    training_cohort,
)

pytestmark = pytest.mark.django_db

ONCE = "This hire is already reported"


def hire_data(**overrides) -> dict:
    """A complete, valid external hire; a value of None leaves the field out of the POST."""
    data = {
        "external_name": "Ana Flores",
        "external_email": "ana.flores@people.example",
        "occupation": occupation(HELP_DESK).pk,
        "start_date": (timezone.localdate() - timedelta(days=5)).isoformat(),
        "wage": "17.50",
        "wage_unit": "hour",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def create_url(application=None) -> str:
    url = reverse("employers:hire_create")
    return f"{url}?application={application.pk}" if application else url


# ---------------------------------------------------------------------------
# The hires page
# ---------------------------------------------------------------------------
def test_no_hires_yet_invites_the_first(client, personas):
    client.force_login(personas.employer)
    response = client.get(reverse("employers:hires"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="empty-state"' in html
    assert "Record your first hire" in html
    assert 'data-testid="none-not-reported"' in html


def test_hires_page_lists_hires_with_their_details_and_totals(client, personas):
    org = personas.orgs.employer
    make_pledge(org, by_date=timezone.localdate() + timedelta(days=90))
    trained = make_application(employer=org)
    complete_training(trained.seeker)
    make_hire(org, application=trained, wage="22.25")
    make_hire(
        org,
        external_name="Luis Ortega",
        external_email="luis@people.example",
        status="verified",
        wage="58000",
        wage_unit="year",
    )
    make_hire(
        org,
        external_name="Marta Ruiz",
        status="rejected",
        soc_code=NOT_TECH,
        reason="Customer service is not a tech job.",
    )
    theirs = make_application(employer=personas.orgs.other_employer)
    make_hire(personas.orgs.other_employer, application=theirs, external_name="Theirs")
    make_hire(personas.orgs.other_employer, external_name="Their Secret Hire")

    client.force_login(personas.employer)
    html = client.get(reverse("employers:hires")).content.decode()
    assert html.count('data-testid="hire-row"') == 3
    assert trained.seeker.display_name in html
    assert "Luis Ortega" in html and "Marta Ruiz" in html
    assert "Their Secret Hire" not in html and theirs.seeker.display_name not in html
    assert "$22.25 per hour" in html
    assert "$58,000 per year" in html
    assert "Python Evenings by Provider for Python Evenings" in html  # the completed training
    assert "Earned the credential" in html
    assert "Due " in html  # the pledge it counts toward
    assert "Reason: Customer service is not a tech job." in html
    assert "Not a tech occupation: does not count toward the 400" in html
    assert 'data-testid="total-reported">2<' in html
    assert 'data-testid="total-waiting">1<' in html
    assert 'data-testid="total-verified">1<' in html
    assert 'data-testid="total-rejected"' in html
    assert 'style="' not in html


def test_hires_page_is_paginated_and_its_totals_cover_every_hire(client, personas):
    org = personas.orgs.employer
    for i in range(PAGE_SIZE + 5):
        # "Person 00" started last, so it comes first; every third one is verified.
        make_hire(
            org,
            external_name=f"Person {i:02}",
            start_days_ago=i + 1,
            status="verified" if i % 3 == 0 else "reported",
        )
    make_hire(org, external_name="Turned Down", start_days_ago=40, status="rejected")
    make_hire(personas.orgs.other_employer, external_name="Their Secret Hire")

    client.force_login(personas.employer)
    first = client.get(reverse("employers:hires")).content.decode()
    second = client.get(reverse("employers:hires"), {"page": 2}).content.decode()
    assert first.count('data-testid="hire-row"') == PAGE_SIZE
    assert "Person 00" in first and f"Person {PAGE_SIZE:02}" not in first
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    assert second.count('data-testid="hire-row"') == 6
    assert f"Person {PAGE_SIZE:02}" in second and "Turned Down" in second
    assert "Person 00" not in second
    assert "Page 2 of 2" in second and 'href="?page=1"' in second
    assert "Their Secret Hire" not in first + second
    for html in (first, second):  # every hire of the employer, whichever the page
        assert f'data-testid="total-reported">{PAGE_SIZE + 5}<' in html
        assert 'data-testid="total-verified">10<' in html
        assert f'data-testid="total-waiting">{PAGE_SIZE + 5 - 10}<' in html
        assert 'data-testid="total-rejected"' in html


def test_applicants_marked_hired_but_not_reported_are_listed_with_a_link(client, personas):
    org = personas.orgs.employer
    job = make_job(org, title="Help Desk Technician", soc_code=HELP_DESK)
    waiting = make_application(job=job)
    reported = make_application(job=job)
    make_hire(org, application=reported)
    make_application(job=job, status="offer")  # not hired yet
    make_application(employer=personas.orgs.other_employer)  # theirs

    client.force_login(personas.employer)
    html = client.get(reverse("employers:hires")).content.decode()
    assert html.count('data-testid="not-reported-row"') == 1
    assert waiting.seeker.display_name in html
    assert f"{reverse('employers:hire_create')}?application={waiting.pk}" in html
    assert f"?application={reported.pk}" not in html


def test_hires_page_query_count_does_not_grow(client, personas):
    org = personas.orgs.employer
    cohort, teacher = training_cohort()
    job = make_job(org)
    make_pledge(org)

    def add(n):
        for i in range(n):
            application = make_application(job=job)
            complete_training(application.seeker, cohort, teacher)
            make_hire(org, application=application, status="verified")
            make_hire(org, status="rejected" if i % 2 else "reported")
            make_application(job=job)  # hired, not reported

    def count(page=1):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("employers:hires"), {"page": page})
            assert response.status_code == 200
        return len(queries), response.content.decode().count('data-testid="hire-row"')

    client.force_login(personas.employer)
    add(2)
    few, rows = count()
    assert rows == 4
    add(20)
    assert count() == (few, PAGE_SIZE)  # one page of the 44
    assert count(page=2) == (few, 44 - PAGE_SIZE)


# ---------------------------------------------------------------------------
# Recording an external candidate
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["employer", "employer_member"])
def test_recording_an_external_hire(client, personas, persona):
    user = getattr(personas, persona)
    make_pledge(personas.orgs.employer)
    client.force_login(user)
    html = client.get(create_url()).content.decode()
    assert 'name="external_email"' in html
    assert 'name="pledge"' not in html and 'data-testid="pledge-rule"' in html
    assert "Customer Service Representatives (43-4051) — not a tech occupation" in html
    response = client.post(create_url(), hire_data(external_email="Ana.Flores@People.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:hires")
    hire = Hire.objects.get()
    assert hire.employer == personas.orgs.employer
    assert hire.seeker is None and hire.application is None and hire.job is None
    assert hire.external_name == "Ana Flores"
    assert hire.external_email == "ana.flores@people.example"
    assert hire.occupation.soc_code == HELP_DESK
    assert hire.wage == Decimal("17.50") and hire.wage_unit == "hour"
    assert hire.pledge is None  # a pledge is filled once staff verify the hire
    assert hire.status == "reported"
    assert hire.reported_by == user
    html = client.get(reverse("employers:hires")).content.decode()
    assert "The hire of Ana Flores is recorded." in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"wage": "0"}, "Enter a wage above zero."),
        ({"wage": "-12"}, "Enter a wage above zero."),
        ({"wage": "abc"}, "Enter the wage as a number"),
        ({"wage": "650", "wage_unit": "hour"}, "Enter an hourly wage of at most $500."),
        ({"wage": "1000001", "wage_unit": "year"}, "Enter a yearly salary of at most $1,000,000."),
        # Below a real wage: the federal minimum per hour, $10,000 per year.
        ({"wage": "7.24", "wage_unit": "hour"}, "at least $7.25, the federal minimum wage."),
        ({"wage": "0.01", "wage_unit": "hour"}, "at least $7.25, the federal minimum wage."),
        ({"wage": "5", "wage_unit": "year"}, "at least $10,000. If this amount is per hour"),
        ({"wage": "500", "wage_unit": "year"}, "at least $10,000. If this amount is per hour"),
        ({"wage": "9999.99", "wage_unit": "year"}, "Enter a yearly salary of at least $10,000."),
        ({"wage_unit": "month"}, "Choose whether the wage is per hour or per year."),
        ({"start_date": "in 90 days"}, "at most 60 days from today"),
        ({"start_date": "not a date"}, "Enter a real date"),
        ({"external_email": None}, "Enter the email address of the person you hired."),
        ({"external_email": "ana-at-home"}, "Enter an email address like name@example.com."),
        ({"external_name": ""}, "Enter the name of the person you hired."),
        ({"occupation": ""}, "Choose the occupation of the job."),
        ({"occupation": "999999"}, "Choose an occupation from the list."),
    ],
)
def test_bad_hires_are_refused_with_a_reason(client, personas, overrides, message):
    if overrides.get("start_date") == "in 90 days":
        overrides = {"start_date": (timezone.localdate() + timedelta(days=90)).isoformat()}
    client.force_login(personas.employer)
    response = client.post(create_url(), hire_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'data-testid="form-errors"' in html
    assert not Hire.objects.exists()


def test_limits_are_inclusive(client, personas):
    client.force_login(personas.employer)
    in_60_days = (timezone.localdate() + timedelta(days=60)).isoformat()
    for i, data in enumerate(
        [
            {"wage": "500", "wage_unit": "hour", "start_date": "2016-12-01"},
            {"wage": "1000000", "wage_unit": "year", "start_date": in_60_days},
            {"wage": "7.25", "wage_unit": "hour"},
            {"wage": "10000", "wage_unit": "year"},
        ]
    ):
        response = client.post(create_url(), hire_data(external_email=f"p{i}@x.example", **data))
        assert response.status_code == 302, data
    assert Hire.objects.count() == 4


def test_the_employer_does_not_choose_a_pledge(client, personas):
    """A posted pledge (even another employer's) is not a field any more: it is ignored."""
    theirs = make_pledge(personas.orgs.other_employer, hires=55)
    client.force_login(personas.employer)
    assert "55 hires by" not in client.get(create_url()).content.decode()
    response = client.post(create_url(), {**hire_data(), "pledge": theirs.pk})
    assert response.status_code == 302
    assert Hire.objects.get().pledge is None


def test_the_same_external_hire_is_refused_twice(client, personas):
    """Same person, same employer, same start date: the same hire."""
    make_hire(personas.orgs.employer, external_email="ana.flores@people.example", start_days_ago=5)
    client.force_login(personas.employer)
    response = client.post(create_url(), hire_data(external_email="ANA.FLORES@people.example"))
    assert response.status_code == 400
    assert ONCE in response.content.decode()
    assert Hire.objects.count() == 1


def test_the_same_external_person_starting_again_later_can_be_recorded(client, personas):
    make_hire(personas.orgs.employer, external_email="ana.flores@people.example")
    client.force_login(personas.employer)
    response = client.post(create_url(), hire_data(external_email="ANA.FLORES@people.example"))
    assert response.status_code == 302
    assert Hire.objects.count() == 2


# ---------------------------------------------------------------------------
# Recording an applicant marked hired
# ---------------------------------------------------------------------------
def test_the_form_is_prefilled_from_the_application(client, personas):
    job = make_job(personas.orgs.employer, soc_code=HELP_DESK, pay_min="19.75", pay_unit="hour")
    application = make_application(job=job)
    client.force_login(personas.employer)
    response = client.get(create_url(application))
    html = response.content.decode()
    assert response.status_code == 200
    assert application.seeker.display_name in html and application.seeker.email in html
    assert job.title in html
    assert 'name="external_email"' not in html
    assert f'<option value="{occupation(HELP_DESK).pk}" selected>' in html
    assert 'value="19.75"' in html
    assert 'value="hour" checked' in html


def test_recording_an_applicant_links_the_application_job_and_completed_training(client, personas):
    org = personas.orgs.employer
    application = make_application(employer=org)
    enrollment = complete_training(application.seeker)
    client.force_login(personas.employer_member)
    response = client.post(
        create_url(application),
        hire_data(external_name=None, external_email=None, occupation=occupation(DEVELOPERS).pk),
    )
    assert response.status_code == 302
    hire = Hire.objects.get()
    assert hire.application == application
    assert hire.job == application.job
    assert hire.seeker == application.seeker
    assert hire.external_email == ""
    assert hire.training_enrollment == enrollment
    assert hire.reported_by == personas.employer_member
    html = client.get(reverse("employers:hires")).content.decode()
    assert 'data-testid="hire-training"' in html
    assert 'data-testid="not-reported-row"' not in html


def test_an_applicant_not_marked_hired_answers_404(client, personas):
    application = make_application(employer=personas.orgs.employer, status="offer")
    client.force_login(personas.employer)
    assert client.get(create_url(application)).status_code == 404
    response = client.post(create_url(application), hire_data())
    assert response.status_code == 404
    assert not Hire.objects.exists()


@pytest.mark.parametrize("value", ["abc", "-1", "999999"])
def test_a_bad_application_parameter_answers_404(client, personas, value):
    client.force_login(personas.employer)
    url = f"{reverse('employers:hire_create')}?application={value}"
    assert client.get(url).status_code == 404
    assert client.post(url, hire_data()).status_code == 404
    assert not Hire.objects.exists()


def test_the_same_applicant_counts_once(client, personas):
    org = personas.orgs.employer
    application = make_application(employer=org)
    make_hire(org, application=application, status="verified")
    client.force_login(personas.employer)
    response = client.post(create_url(application), hire_data(external_email=None))
    assert response.status_code == 400
    assert ONCE in response.content.decode()
    assert Hire.objects.count() == 1


def test_a_person_hired_later_by_another_employer_can_be_recorded(client, personas):
    """The same seeker hired by a second employer: both hires stand (the goal counts the
    person once; that is the goals app's rule, not a limit on records)."""
    first = make_application(employer=personas.orgs.other_employer)
    make_hire(personas.orgs.other_employer, application=first, status="verified")
    again = make_application(employer=personas.orgs.employer, seeker=first.seeker)
    client.force_login(personas.employer)
    response = client.post(create_url(again), hire_data(external_email=None))
    assert response.status_code == 302
    assert Hire.objects.filter(seeker=first.seeker).count() == 2


def test_a_wage_over_the_limit_for_a_yearly_job_is_refused(client, personas):
    job = make_job(personas.orgs.employer, pay_min="52000", pay_max="60000", pay_unit="year")
    application = make_application(job=job)
    client.force_login(personas.employer)
    response = client.post(
        create_url(application),
        hire_data(external_email=None, wage="52000", wage_unit="hour"),
    )
    assert response.status_code == 400
    assert "Enter an hourly wage of at most $500." in response.content.decode()
    assert not Hire.objects.exists()
    assert Occupation.objects.filter(pk=job.occupation_id).exists()


# ---------------------------------------------------------------------------
# A pending organization
# ---------------------------------------------------------------------------
def test_a_pending_employer_sees_why_it_cannot_record_hires_yet(client, personas):
    """Hires name people: the pages open once the organization is approved."""
    client.force_login(personas.pending_employer)
    response = client.get(create_url())
    html = response.content.decode()
    assert response.status_code == 403
    assert 'data-status="pending"' in html
    assert "once Workforce Solutions Borderplex approves your organization" in html
    assert 'name="external_email"' not in html  # no form to fill in
    response = client.post(create_url(), hire_data())
    assert response.status_code == 403
    assert not Hire.objects.exists()
    # Their hires page says so too, without the buttons to record one.
    response = client.get(reverse("employers:hires"))
    assert response.status_code == 403
    assert reverse("employers:hire_create") not in response.content.decode()


# ---------------------------------------------------------------------------
# Counts agree with their nouns (Spanish: "1 contratación verificada", "2 … verificadas")
# ---------------------------------------------------------------------------
def test_the_totals_say_one_hire_or_several_hires(client, personas):
    org = personas.orgs.employer
    make_hire(org, status="verified")
    client.force_login(personas.employer)
    html = client.get(reverse("employers:hires")).content.decode()
    assert 'data-testid="total-verified">1<' in html
    assert ">verified hire<" in html and ">hire reported<" in html
    assert ">hires waiting for verification<" in html  # 0
    make_hire(org, status="verified")
    make_hire(org)
    html = client.get(reverse("employers:hires")).content.decode()
    assert ">verified hires<" in html and ">hires reported<" in html
    assert ">hire waiting for verification<" in html
