"""A provider adds and edits class dates (cohorts) of its programs."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from apps.core.emails import render_email
from apps.notifications.models import Notification
from apps.trainings import services
from apps.trainings.models import Cohort
from apps.trainings.services import MAX_DAYS_AHEAD
from tests.factories.trainings import CohortFactory, EnrollmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def day(offset: int) -> str:
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


def cohort_data(**overrides) -> dict:
    data = {
        "start_date": day(40),
        "end_date": day(110),
        "enrollment_deadline": day(33),
        "seats": "24",
        "location": "The Hub of Human Innovation, 500 W Overland Ave",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def program(personas):
    return ProgramFactory(provider=personas.orgs.provider, title="Help Desk Basics")


def test_the_form_uses_date_inputs_with_labels(client, personas, program):
    client.force_login(personas.provider)
    response = client.get(reverse("trainings:cohort_create", args=[program.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Help Desk Basics" in html
    for field in ["start_date", "end_date", "enrollment_deadline"]:
        assert f'type="date" name="{field}"' in html
        assert f'for="id_{field}"' in html
    assert 'for="id_seats"' in html and 'for="id_location"' in html


def test_provider_adds_a_class_date(client, personas, program):
    client.force_login(personas.provider)
    response = client.post(reverse("trainings:cohort_create", args=[program.pk]), cohort_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:program_detail", args=[program.pk])
    cohort = Cohort.objects.get()
    assert cohort.program == program
    assert cohort.start_date.isoformat() == day(40)
    assert cohort.enrollment_deadline.isoformat() == day(33)
    assert cohort.seats == 24
    assert "Class date added" in client.get(response["Location"]).content.decode()


def test_the_deadline_may_be_the_start_date_and_a_class_may_start_today(client, personas, program):
    client.force_login(personas.provider)
    data = cohort_data(start_date=day(0), enrollment_deadline=day(0), end_date=day(0))
    response = client.post(reverse("trainings:cohort_create", args=[program.pk]), data)
    assert response.status_code == 302
    assert Cohort.objects.count() == 1


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"end_date": day(39)}, "The end date can’t be before the start date."),
        ({"enrollment_deadline": day(41)}, "must be on or before the start date"),
        (
            {"start_date": day(-1), "enrollment_deadline": day(-5)},
            "This date has passed. Choose today or a later date.",
        ),
        ({"seats": "0"}, "Offer at least one seat."),
        ({"seats": "1001"}, "Enter at most 1,000 seats."),
        ({"seats": "many"}, "Enter a whole number of seats, for example 20."),
        ({"start_date": "32/13/2030"}, "Enter a real date, for example 2020-12-31."),
        # A deadline that has already passed, for a class starting later.
        (
            {"enrollment_deadline": "2019-01-01"},
            "The enrollment deadline has passed. Choose today or a later date.",
        ),
        ({"enrollment_deadline": day(-1)}, "The enrollment deadline has passed."),
        # Typos far in the future.
        (
            {"start_date": "9999-02-01", "end_date": "9999-05-01"},
            "Choose a start date within three years from today:",
        ),
        ({"start_date": day(MAX_DAYS_AHEAD + 1)}, "Choose a start date within three years"),
        ({"end_date": "9999-12-31"}, "A class lasts at most five years. Check the end date."),
        # Each required field says what to enter.
        ({"start_date": ""}, "Enter the date the class starts."),
        ({"end_date": ""}, "Enter the date the class ends."),
        ({"enrollment_deadline": ""}, "Enter the last day people can apply."),
        ({"seats": ""}, "Enter how many students you can take."),
        ({"location": ""}, "Say where the class meets, or write “Online”."),
    ],
)
def test_bad_class_dates_are_400_and_save_nothing(client, personas, program, overrides, message):
    client.force_login(personas.provider)
    response = client.post(
        reverse("trainings:cohort_create", args=[program.pk]), cohort_data(**overrides)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "usa-form-group--error" in html
    assert "This field is required." not in html
    assert not Cohort.objects.exists()


def test_an_empty_form_says_what_each_field_needs(client, personas, program):
    client.force_login(personas.provider)
    response = client.post(reverse("trainings:cohort_create", args=[program.pk]), {})
    assert response.status_code == 400
    html = response.content.decode()
    for message in [
        "Enter the date the class starts.",
        "Enter the date the class ends.",
        "Enter the last day people can apply.",
        "Enter how many students you can take.",
        "Say where the class meets, or write “Online”.",
    ]:
        assert message in html
    assert "This field is required." not in html
    assert not Cohort.objects.exists()


def test_the_latest_start_is_three_years_ahead(client, personas, program):
    client.force_login(personas.provider)
    data = cohort_data(
        start_date=day(MAX_DAYS_AHEAD),
        end_date=day(MAX_DAYS_AHEAD + 70),
        enrollment_deadline=day(MAX_DAYS_AHEAD - 7),
    )
    response = client.post(reverse("trainings:cohort_create", args=[program.pk]), data)
    assert response.status_code == 302
    assert Cohort.objects.get().start_date.isoformat() == day(MAX_DAYS_AHEAD)


def test_save_cohort_enforces_the_date_rules_for_every_caller(program):
    today = timezone.localdate()
    data = {
        "start_date": today + timedelta(days=40),
        "end_date": today + timedelta(days=100),
        "enrollment_deadline": date(2019, 1, 1),
        "seats": 10,
        "location": "Online",
    }
    with pytest.raises(ValidationError) as caught:
        services.save_cohort(program=program, data=data)
    assert "enrollment_deadline" in caught.value.message_dict
    data.update(enrollment_deadline=today, start_date=date(9999, 1, 1), end_date=date(9999, 2, 1))
    with pytest.raises(ValidationError) as caught:
        services.save_cohort(program=program, data=data)
    assert "start_date" in caught.value.message_dict
    assert not Cohort.objects.exists()


def test_a_changed_deadline_cannot_be_in_the_past(client, personas, program):
    cohort = CohortFactory(program=program)  # starts in 30 days, deadline in 23
    saved_deadline = cohort.enrollment_deadline
    client.force_login(personas.provider)
    url = reverse("trainings:cohort_edit", args=[cohort.pk])
    data = cohort_data(
        start_date=cohort.start_date.isoformat(),
        end_date=cohort.end_date.isoformat(),
        enrollment_deadline=day(-2),
        location="Moved",
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert "The enrollment deadline has passed." in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.enrollment_deadline == saved_deadline and cohort.location != "Moved"
    # Reopening enrollment with a later deadline is fine.
    response = client.post(url, {**data, "enrollment_deadline": day(29)})
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.enrollment_deadline.isoformat() == day(29)


def test_provider_edits_a_class_date(client, personas, program):
    cohort = CohortFactory(program=program, seats=10)
    client.force_login(personas.provider)
    url = reverse("trainings:cohort_edit", args=[cohort.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert f'value="{cohort.start_date.isoformat()}"' in response.content.decode()
    response = client.post(url, cohort_data(seats="30", location="Online"))
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.seats == 30 and cohort.location == "Online"
    assert cohort.start_date.isoformat() == day(40)


def test_seats_cannot_drop_below_the_seats_already_held(client, personas, program):
    cohort = CohortFactory(program=program, seats=5)
    EnrollmentFactory.create_batch(2, cohort=cohort)
    EnrollmentFactory(cohort=cohort, status="enrolled")
    EnrollmentFactory(cohort=cohort, status="withdrawn")  # holds no seat
    client.force_login(personas.provider)
    url = reverse("trainings:cohort_edit", args=[cohort.pk])
    response = client.post(url, cohort_data(seats="2", location="Somewhere else"))
    assert response.status_code == 400
    assert "3 people already hold a seat." in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.seats == 5 and cohort.location != "Somewhere else"
    assert client.post(url, cohort_data(seats="3")).status_code == 302
    cohort.refresh_from_db()
    assert cohort.seats == 3


def test_a_class_that_already_started_can_still_be_corrected(client, personas, program):
    start = timezone.localdate() - timedelta(days=10)
    cohort = CohortFactory(
        program=program,
        start_date=start,
        end_date=start + timedelta(weeks=8),
        enrollment_deadline=start - timedelta(days=3),
    )
    client.force_login(personas.provider)
    url = reverse("trainings:cohort_edit", args=[cohort.pk])
    data = {
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(weeks=9)).isoformat(),
        "enrollment_deadline": (start - timedelta(days=3)).isoformat(),
        "seats": "20",
        "location": "Online",
    }
    assert client.post(url, data).status_code == 302
    cohort.refresh_from_db()
    assert cohort.end_date == start + timedelta(weeks=9)
    # ...but it can't be moved to another day in the past.
    data["start_date"] = (start - timedelta(days=1)).isoformat()
    data["enrollment_deadline"] = (start - timedelta(days=5)).isoformat()
    response = client.post(url, data)
    assert response.status_code == 400
    assert "This date has passed." in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.start_date == start


def test_a_bad_edit_keeps_the_saved_dates_in_the_heading(client, personas, program):
    cohort = CohortFactory(program=program)
    client.force_login(personas.provider)
    response = client.post(
        reverse("trainings:cohort_edit", args=[cohort.pk]),
        cohort_data(start_date=day(200), end_date=day(100), enrollment_deadline=day(150)),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end date can’t be before the start date." in html
    saved = timezone.localdate() + timedelta(days=30)
    assert f"Edit the class starting {date_format(saved, 'DATE_FORMAT')}" in html
    cohort.refresh_from_db()
    assert cohort.start_date == saved


def test_the_admin_keeps_the_same_date_rules(db):
    from django.contrib import admin as django_admin

    from apps.trainings.admin import CohortAdminForm, CohortInline

    assert django_admin.site._registry[Cohort].form is CohortAdminForm
    assert CohortInline.form is CohortAdminForm
    program = ProgramFactory()
    data = {
        "program": program.pk,
        "start_date": day(30),
        "end_date": day(100),
        "enrollment_deadline": "2019-01-01",
        "seats": 20,
        "location": "El Paso",
    }
    form = CohortAdminForm(data=data)
    assert not form.is_valid()
    assert "enrollment_deadline" in form.errors
    form = CohortAdminForm(data={**data, "start_date": "9999-01-01", "end_date": "9999-02-01"})
    assert not form.is_valid() and "start_date" in form.errors
    assert CohortAdminForm(data={**data, "enrollment_deadline": day(20)}).is_valid()


def test_moving_a_class_tells_accepted_and_enrolled_people_in_their_language(
    client, personas, program
):
    cohort = CohortFactory(program=program)  # starts in 30 days
    old_start = cohort.start_date
    accepted = EnrollmentFactory(cohort=cohort, status="accepted", seeker__preferred_language="es")
    enrolled = EnrollmentFactory(cohort=cohort, status="enrolled")
    for status in ("applied", "withdrawn", "declined"):
        EnrollmentFactory(cohort=cohort, status=status)
    client.force_login(personas.provider)
    url = reverse("trainings:cohort_edit", args=[cohort.pk])
    data = cohort_data(
        end_date=cohort.end_date.isoformat(), enrollment_deadline=day(23), location="Online"
    )
    # Same start date, other details: nobody is bothered.
    assert client.post(url, {**data, "start_date": old_start.isoformat()}).status_code == 302
    assert not Notification.objects.filter(kind="class_rescheduled").exists()

    assert client.post(url, data).status_code == 302  # starts in 40 days now
    told = Notification.objects.filter(kind="class_rescheduled").order_by("recipient__email")
    assert {n.recipient for n in told} == {accepted.seeker, enrolled.seeker}
    spanish = told.get(recipient=accepted.seeker)
    assert spanish.language == "es"
    assert spanish.context["old_start_date"] == old_start.isoformat()
    assert spanish.context["start_date"] == day(40)
    context = {**spanish.context, "name": "Lupe", "unsubscribe_url": "https://x.example/u/"}
    subject, text, _html = render_email("class_rescheduled", context, "es")
    with translation.override("es"):
        new_date = date_format(date.fromisoformat(day(40)), "DATE_FORMAT")
    assert "nueva fecha de inicio" in subject
    assert new_date in text

    # Moving it again tells them again.
    assert client.post(url, {**data, "start_date": day(45)}).status_code == 302
    assert Notification.objects.filter(kind="class_rescheduled").count() == 4
