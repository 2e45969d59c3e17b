"""Staff verify the hires employers report, or say why they can't; the employer's team hears
either way."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.employers.models import Hire
from apps.employers.views.hires import PAGE_SIZE
from apps.notifications.models import Notification
from tests.factories import staff_user
from tests.factories.hires import (
    NOT_TECH,
    complete_training,
    make_application,
    make_hire,
    make_job,
    make_pledge,
    training_cohort,
)

pytestmark = pytest.mark.django_db


def team_notifications(personas, kind):
    return Notification.objects.filter(kind=kind).order_by("recipient__email")


# ---------------------------------------------------------------------------
# The queue
# ---------------------------------------------------------------------------
def test_the_queue_shows_reported_hires_oldest_first_with_what_to_check(client, personas):
    org = personas.orgs.employer
    job = make_job(org, title="Junior QA Tester")
    application = make_application(job=job)
    complete_training(application.seeker)
    newer = make_hire(org, application=application, wage="23.40")
    older = make_hire(
        personas.orgs.other_employer,
        external_name="Rosa Vega",
        external_email="rosa@people.example",
        soc_code=NOT_TECH,
        wage="41000",
        wage_unit="year",
    )
    Hire.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=9))
    make_hire(org, external_name="Already Verified", status="verified")
    make_hire(org, external_name="Already Rejected", status="rejected")

    client.force_login(personas.staff)
    response = client.get(reverse("employers:hire_queue"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="queue-row"') == 2
    assert html.index("Rosa Vega") < html.index(application.seeker.display_name)
    assert "Already Verified" not in html and "Already Rejected" not in html
    # What staff check: who, where, what job, pay, training, whether it counts.
    assert "at Sun City Software" in html and "at Other Employer" in html
    assert application.seeker.email in html and "registered on the portal" in html
    assert "rosa@people.example" in html and "hired outside the portal" in html
    assert "Applied on the portal to “Junior QA Tester”" in html
    assert "No application on the portal" in html
    assert html.count('data-testid="tech-occupation"') == 1
    assert html.count('data-testid="not-tech-occupation"') == 1
    assert "$23.40 per hour" in html and "$41,000 per year" in html
    assert "Python Evenings by Provider for Python Evenings" in html
    assert "Toward the pledge due" not in html  # a waiting hire fills no pledge yet
    assert reverse("employers:hire_verify", args=[newer.pk]) in html
    assert reverse("employers:hire_reject", args=[older.pk]) in html
    # Counts per status in the filter.
    assert 'data-testid="tab-reported"' in html
    assert "Reported, waiting for verification (2)" in html
    assert "Verified (1)" in html and "Not verified (1)" in html
    assert 'style="' not in html


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("verified", "Already Verified", "Waiting Person"),
        ("rejected", "Already Rejected", "Waiting Person"),
        ("reported", "Waiting Person", "Already Verified"),
        ("nonsense", "Waiting Person", "Already Rejected"),
    ],
)
def test_the_queue_filters_by_status(client, personas, status, shown, hidden):
    org = personas.orgs.employer
    make_hire(org, external_name="Waiting Person")
    make_hire(org, external_name="Already Verified", status="verified", reviewer=personas.staff)
    make_hire(org, external_name="Already Rejected", status="rejected", reason="Wrong email.")
    client.force_login(personas.staff)
    html = client.get(reverse("employers:hire_queue"), {"status": status}).content.decode()
    assert shown in html and hidden not in html
    if status == "rejected":
        assert "Reason: Wrong email." in html
    if status == "verified":
        assert f"by {personas.staff.display_name}" in html
        assert "/verify/" not in html and 'name="reason"' not in html


def test_an_empty_queue_says_so(client, personas):
    client.force_login(personas.staff)
    html = client.get(reverse("employers:hire_queue")).content.decode()
    assert "No hires are waiting for verification." in html


def test_queue_query_count_does_not_grow_from_5_to_50_hires(client, personas):
    cohort, teacher = training_cohort(seats=100)
    org = personas.orgs.employer
    job = make_job(org)
    make_pledge(org)

    def add(n):
        for i in range(n):
            if i % 2:
                application = make_application(job=job)
                complete_training(application.seeker, cohort, teacher)
                make_hire(org, application=application, actor=personas.employer)
            else:
                make_hire(personas.orgs.other_employer, soc_code=NOT_TECH)

    def count(status, page=1):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("employers:hire_queue"), {"status": status, "page": page})
            assert response.status_code == 200
        return len(queries), response.content.decode().count('data-testid="queue-row"')

    client.force_login(personas.staff)
    # The first request of a staff session notes when it was last seen (once a minute).
    client.get(reverse("employers:hire_queue"))
    add(5)
    few, rows = count("reported")
    assert rows == 5
    add(55)
    many, rows = count("reported")
    assert rows == PAGE_SIZE  # one page of the 60
    assert many == few
    assert count("reported", page=3) == (many, 60 - 2 * PAGE_SIZE)
    Hire.objects.update(status="verified", decided_by=personas.staff, decided_at=timezone.now())
    assert count("verified") == (many, PAGE_SIZE)


def waiting_hires(org, n: int) -> list[Hire]:
    """`n` reported hires, "Person 00" reported first (so first in the queue)."""
    return [make_hire(org, external_name=f"Person {i:02}") for i in range(n)]


def queue_rows(html: str) -> list[str]:
    return [row.split("</th>")[0] for row in html.split('data-testid="queue-row"')[1:]]


def test_the_queue_is_paginated_and_page_2_has_the_rest(client, personas):
    waiting_hires(personas.orgs.employer, PAGE_SIZE + 3)
    client.force_login(personas.staff)
    first = client.get(reverse("employers:hire_queue")).content.decode()
    assert len(queue_rows(first)) == PAGE_SIZE
    assert "Person 00" in first and f"Person {PAGE_SIZE - 1:02}" in first
    assert f"Person {PAGE_SIZE:02}" not in first
    assert "Page 1 of 2" in first
    assert 'href="/en/staff/hires/?status=reported&amp;page=2"' in first  # the status tab is kept
    second = client.get(reverse("employers:hire_queue"), {"page": 2}).content.decode()
    rows = queue_rows(second)
    assert len(rows) == 3
    for offset, row in enumerate(rows):  # still oldest report first
        assert f"Person {PAGE_SIZE + offset:02}" in row
    assert "Person 00" not in second
    assert "Page 2 of 2" in second
    assert 'href="/en/staff/hires/?status=reported&amp;page=1"' in second
    # Counts in the tabs are for every hire, not the page.
    assert f"Reported, waiting for verification ({PAGE_SIZE + 3})" in second


def test_decided_tabs_keep_their_status_in_the_page_links(client, personas):
    for hire in waiting_hires(personas.orgs.employer, PAGE_SIZE + 1):
        Hire.objects.filter(pk=hire.pk).update(
            status="rejected",
            rejection_reason="No such person.",
            decided_by=personas.staff,
            decided_at=hire.created_at,  # so the latest decision is the last reported
        )
    client.force_login(personas.staff)
    first = client.get(reverse("employers:hire_queue"), {"status": "rejected"}).content.decode()
    assert len(queue_rows(first)) == PAGE_SIZE
    assert 'href="/en/staff/hires/?status=rejected&amp;page=2"' in first
    assert "status=reported&amp;page" not in first
    second = client.get(
        reverse("employers:hire_queue"), {"status": "rejected", "page": 2}
    ).content.decode()
    assert len(queue_rows(second)) == 1
    assert "Person 00" in second  # the oldest decision comes last
    assert 'href="/en/staff/hires/?status=rejected&amp;page=1"' in second


@pytest.mark.parametrize("page", ["0", "99", "two", "²"])
def test_an_odd_page_number_shows_a_page_anyway(client, personas, page):
    waiting_hires(personas.orgs.employer, PAGE_SIZE + 1)
    client.force_login(personas.staff)
    response = client.get(reverse("employers:hire_queue"), {"page": page})
    assert response.status_code == 200
    assert len(queue_rows(response.content.decode())) in (1, PAGE_SIZE)


def test_a_refused_rejection_on_page_2_shows_that_page_with_the_error(client, personas):
    hires = waiting_hires(personas.orgs.employer, PAGE_SIZE + 2)
    last = hires[-1]
    reject_url = reverse("employers:hire_reject", args=[last.pk])
    client.force_login(personas.staff)
    # The row's forms carry the page they are on.
    second = client.get(reverse("employers:hire_queue"), {"page": 2}).content.decode()
    assert f'action="{reject_url}?page=2"' in second
    assert f'action="{reverse("employers:hire_verify", args=[last.pk])}?page=2"' in second

    response = client.post(f"{reject_url}?page=2", {"reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert len(queue_rows(html)) == 2
    row = html.split(f'id="hire-{last.pk}"')[1].split("</tr>")[0]
    assert "usa-form-group--error" in row
    assert "Give the reason, so the employer can correct it." in row
    assert "Page 2 of 2" in html
    last.refresh_from_db()
    assert last.status == "reported"


@pytest.mark.parametrize("name", ["hire_verify", "hire_reject"])
def test_a_decision_returns_to_the_page_it_was_made_on(client, personas, name):
    hires = waiting_hires(personas.orgs.employer, PAGE_SIZE + 2)
    client.force_login(personas.staff)
    url = reverse(f"employers:{name}", args=[hires[-1].pk])
    response = client.post(f"{url}?page=2", {"reason": "No such person."})
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:hire_queue") + "?page=2"
    hires[-1].refresh_from_db()
    assert hires[-1].status != "reported"
    # Page 1 (or no page) goes back to the queue's own address.
    response = client.post(
        reverse(f"employers:{name}", args=[hires[0].pk]) + "?page=1", {"reason": "No."}
    )
    assert response["Location"] == reverse("employers:hire_queue")


# ---------------------------------------------------------------------------
# Verifying
# ---------------------------------------------------------------------------
def test_verifying_a_hire_tells_the_employers_team(client, personas):
    application = make_application(employer=personas.orgs.employer)
    hire = make_hire(personas.orgs.employer, application=application)
    make_hire(personas.orgs.other_employer)  # another employer hears nothing
    client.force_login(personas.staff)
    response = client.post(reverse("employers:hire_verify", args=[hire.pk]), follow=True)
    assert response.redirect_chain == [(reverse("employers:hire_queue"), 302)]
    assert (
        f"The hire of {application.seeker.display_name} at Sun City Software is verified."
        in response.content.decode()
    )
    hire.refresh_from_db()
    assert hire.status == "verified"
    assert hire.decided_by == personas.staff
    assert hire.decided_at is not None
    sent = team_notifications(personas, "hire_verified")
    assert [n.recipient for n in sent] == [personas.employer_member, personas.employer]
    assert sent[0].context["person_name"] == application.seeker.display_name
    assert sent[0].context["url"] == reverse("employers:hires")


def test_deciding_twice_changes_nothing(client, personas):
    hire = make_hire(personas.orgs.employer)
    client.force_login(personas.staff)
    client.post(reverse("employers:hire_verify", args=[hire.pk]))
    hire.refresh_from_db()
    decided_at = hire.decided_at
    other_staff = staff_user(email="second@borderplex.example")
    client.force_login(other_staff)
    for url, data in [
        (reverse("employers:hire_verify", args=[hire.pk]), {}),
        (reverse("employers:hire_reject", args=[hire.pk]), {"reason": "Changed my mind."}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400
        assert "This hire has already been decided." in response.content.decode()
    hire.refresh_from_db()
    assert hire.status == "verified"
    assert hire.decided_by == personas.staff and hire.decided_at == decided_at
    assert hire.rejection_reason == ""
    assert Notification.objects.filter(kind="hire_verified").count() == 2
    assert not Notification.objects.filter(kind="hire_rejected").exists()


# ---------------------------------------------------------------------------
# Rejecting
# ---------------------------------------------------------------------------
def test_rejecting_a_hire_sends_the_reason_to_the_employers_team(client, personas):
    hire = make_hire(personas.orgs.employer, external_name="Rosa Vega")
    client.force_login(personas.staff)
    response = client.post(
        reverse("employers:hire_reject", args=[hire.pk]),
        {"reason": "  The start date is before the offer.  "},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:hire_queue")
    hire.refresh_from_db()
    assert hire.status == "rejected"
    assert hire.rejection_reason == "The start date is before the offer."
    assert hire.decided_by == personas.staff
    sent = team_notifications(personas, "hire_rejected")
    assert [n.recipient for n in sent] == [personas.employer_member, personas.employer]
    assert sent[0].context["reason"] == "The start date is before the offer."
    # The employer sees the reason on its hires page.
    client.force_login(personas.employer)
    html = client.get(reverse("employers:hires")).content.decode()
    assert "Reason: The start date is before the offer." in html


@pytest.mark.parametrize("data", [{}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 2001}])
def test_rejecting_needs_a_reason(client, personas, data):
    hire = make_hire(personas.orgs.employer, external_name="Rosa Vega")
    client.force_login(personas.staff)
    response = client.post(reverse("employers:hire_reject", args=[hire.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Give the reason, so the employer can correct it." in html
        or "Keep the reason under 2,000 characters." in html
    )
    assert "usa-form-group--error" in html  # shown on the hire's own row
    hire.refresh_from_db()
    assert hire.status == "reported" and hire.decided_by is None
    assert not Notification.objects.filter(kind="hire_rejected").exists()


def test_an_unknown_hire_answers_404(client, personas):
    client.force_login(personas.staff)
    assert client.post(reverse("employers:hire_verify", args=[987654])).status_code == 404
    response = client.post(reverse("employers:hire_reject", args=[987654]), {"reason": "No."})
    assert response.status_code == 404


def test_gets_change_nothing(client, personas):
    hire = make_hire(personas.orgs.employer)
    client.force_login(personas.staff)
    assert client.get(reverse("employers:hire_verify", args=[hire.pk])).status_code == 405
    url = reverse("employers:hire_reject", args=[hire.pk]) + "?reason=Nope"
    assert client.get(url).status_code == 405
    hire.refresh_from_db()
    assert hire.status == "reported"
    assert not Notification.objects.filter(kind__startswith="hire_").exists()


# ---------------------------------------------------------------------------
# A hire of an employer that is not approved
# ---------------------------------------------------------------------------
def test_a_hire_of_an_employer_not_approved_cannot_be_verified(client, personas):
    org = personas.orgs.employer
    hire = make_hire(org, external_name="Rosa Vega")
    org.status = "pending"  # approval withdrawn after the hire was reported
    org.save(update_fields=["status"])
    client.force_login(personas.staff)
    html = client.get(reverse("employers:hire_queue")).content.decode()
    assert "Rosa Vega" in html
    assert f'data-testid="employer-not-approved-{hire.pk}"' in html
    assert f'data-testid="verify-{hire.pk}"' not in html
    assert f'data-testid="reject-{hire.pk}"' in html  # saying why stays possible
    response = client.post(reverse("employers:hire_verify", args=[hire.pk]))
    assert response.status_code == 400
    assert (
        "Sun City Software is not approved, so its hires can&#x27;t be verified."
        in response.content.decode()
    )
    hire.refresh_from_db()
    assert hire.status == "reported" and hire.decided_by is None
    assert not Notification.objects.filter(kind="hire_verified").exists()
