"""The seeker's trainings page (apps/trainings/views/seeker.py), with withdrawal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.trainings.models import Enrollment, EnrollmentEvent
from tests.factories.trainings import EnrollmentFactory

pytestmark = pytest.mark.django_db


def enrolled(seeker, provider, *, title="Help Desk Bootcamp", **fields):
    """`seeker`'s enrollment in a published program of `provider` (EnrollmentFactory)."""
    return EnrollmentFactory(
        seeker=seeker,
        cohort__program__provider=provider,
        cohort__program__status="published",
        cohort__program__title=title,
        **fields,
    )


TRAININGS = "/en/my/trainings/"


@pytest.fixture
def seeker_client(client, personas):
    client.force_login(personas.seeker)
    return client


def test_empty_state_links_to_the_catalog(seeker_client):
    response = seeker_client.get(reverse("trainings:mine"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have not applied to any training yet" in html
    assert f'href="{reverse("trainings:catalog")}"' in html


def test_enrollments_show_program_provider_dates_status_and_history(seeker_client, personas):
    row = enrolled(personas.seeker, personas.orgs.provider, status="accepted")
    enrolled(personas.other_seeker, personas.orgs.provider, title="Someone Else's Class")
    html = seeker_client.get(TRAININGS).content.decode()
    program = row.cohort.program
    assert f'href="{reverse("trainings:program", kwargs={"slug": program.slug})}"' in html
    assert "Help Desk Bootcamp" in html and "Borderland College" in html
    assert "El Paso Community College, Valle Verde" in html
    assert 'data-testid="enrollment-status">Accepted</span>' in html
    assert "History" in html and "Applied" in html
    assert reverse("trainings:withdraw", args=[row.pk]) in html
    assert "Someone Else" not in html


def test_finished_enrollments_cannot_be_withdrawn_from_the_page(seeker_client, personas):
    done = enrolled(personas.seeker, personas.orgs.provider, status="completed")
    html = seeker_client.get(TRAININGS).content.decode()
    assert "Completed" in html
    assert reverse("trainings:withdraw", args=[done.pk]) not in html


def withdraw_url(row) -> str:
    return reverse("trainings:withdraw", args=[row.pk])


def test_the_withdraw_button_leads_to_a_confirmation_that_changes_nothing(seeker_client, personas):
    row = enrolled(personas.seeker, personas.orgs.provider, status="accepted")
    url = withdraw_url(row)
    listing = seeker_client.get(TRAININGS).content.decode()
    assert f'href="{url}"' in listing  # a link to the confirmation, not a one-click form
    assert f'action="{url}"' not in listing
    response = seeker_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Withdraw from “Help Desk Bootcamp”?" in html
    assert "This can't be undone" in html
    assert f'action="{url}"' in html and 'name="confirm" value="yes"' in html
    assert Enrollment.objects.get(pk=row.pk).status == "accepted"


@pytest.mark.parametrize("status", ["applied", "accepted", "enrolled"])
def test_withdraw(seeker_client, personas, status):
    row = enrolled(personas.seeker, personas.orgs.provider, status=status)
    response = seeker_client.post(withdraw_url(row), {"confirm": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == TRAININGS
    assert "You withdrew from Help Desk Bootcamp." in response.content.decode()
    row.refresh_from_db()
    assert row.status == "withdrawn"
    event = EnrollmentEvent.objects.filter(enrollment=row).last()
    assert (event.from_status, event.to_status, event.actor) == (
        status,
        "withdrawn",
        personas.seeker,
    )


@pytest.mark.parametrize("data", [{}, {"confirm": "no"}])
def test_withdrawing_without_the_confirmation_is_a_400_and_changes_nothing(
    seeker_client, personas, data
):
    row = enrolled(personas.seeker, personas.orgs.provider, status="enrolled")
    events = EnrollmentEvent.objects.filter(enrollment=row).count()
    response = seeker_client.post(withdraw_url(row), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="confirm-error"' in html
    assert "Nothing changed: press “Yes, withdraw from this class” to withdraw." in html
    assert 'name="confirm" value="yes"' in html
    row.refresh_from_db()
    assert row.status == "enrolled"
    assert EnrollmentEvent.objects.filter(enrollment=row).count() == events


@pytest.mark.parametrize("status", ["completed", "withdrawn", "declined"])
def test_withdrawing_a_finished_enrollment_is_400(seeker_client, personas, status):
    row = enrolled(personas.seeker, personas.orgs.provider, status=status)
    events = EnrollmentEvent.objects.filter(enrollment=row).count()
    response = seeker_client.post(withdraw_url(row), {"confirm": "yes"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="withdraw-error"' in html
    assert "You can no longer withdraw from this class: it is marked" in html
    row.refresh_from_db()
    assert row.status == status
    assert EnrollmentEvent.objects.filter(enrollment=row).count() == events


def test_the_withdraw_page_of_a_finished_enrollment_explains_instead_of_failing(
    seeker_client, personas
):
    row = enrolled(personas.seeker, personas.orgs.provider, status="completed")
    response = seeker_client.get(withdraw_url(row), follow=True)
    assert response.redirect_chain == [(TRAININGS, 302)]
    assert "You can no longer withdraw from this class: it is marked “Completed”." in (
        response.content.decode()
    )


def test_a_provider_decision_in_between_is_a_400_not_a_crash(seeker_client, personas):
    """The seeker opened the confirmation; the provider declined them before they pressed Yes."""
    row = enrolled(personas.seeker, personas.orgs.provider, status="applied")
    assert seeker_client.get(withdraw_url(row)).status_code == 200
    Enrollment.objects.filter(pk=row.pk).update(status="declined")
    response = seeker_client.post(withdraw_url(row), {"confirm": "yes"})
    assert response.status_code == 400
    assert 'data-testid="withdraw-error"' in response.content.decode()
    assert Enrollment.objects.get(pk=row.pk).status == "declined"


def test_another_seekers_enrollment_is_404(seeker_client, personas):
    theirs = enrolled(personas.other_seeker, personas.orgs.provider)
    response = seeker_client.get(withdraw_url(theirs))
    assert response.status_code == 404
    assert "Help Desk Bootcamp" not in response.content.decode()
    response = seeker_client.post(withdraw_url(theirs), {"confirm": "yes"})
    assert response.status_code == 404
    assert Enrollment.objects.get(pk=theirs.pk).status == "applied"
    assert seeker_client.get(reverse("trainings:withdraw", args=[999999])).status_code == 404
    assert seeker_client.post(reverse("trainings:withdraw", args=[999999])).status_code == 404


def test_trainings_page_queries_do_not_grow_with_rows(seeker_client, personas):
    enrolled(personas.seeker, personas.orgs.provider, title="One")
    with CaptureQueriesContext(connection) as one:
        seeker_client.get(TRAININGS)
    for n in range(4):
        enrolled(personas.seeker, personas.orgs.provider, status="enrolled", title=f"More {n}")
    with CaptureQueriesContext(connection) as five:
        html = seeker_client.get(TRAININGS).content.decode()
    assert html.count('data-testid="enrollment-status"') == 5
    assert len(five) == len(one)
