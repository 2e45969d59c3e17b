"""Staff review new and changed jobs: the queue, a job's review page, publishing, and
sending a job back with what to change."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.employers.models import Job
from apps.notifications.models import Notification
from tests.factories.employers import JobFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("employers:job_queue")


@pytest.fixture
def pending(personas):
    return JobFactory(
        employer=personas.orgs.employer,
        title="Help Desk Technician",
        status="pending",
        description="Answer calls and fix laptops.",
    )


def test_queue_lists_pending_jobs_oldest_first(client, personas):
    now = timezone.now()
    JobFactory(title="Newer", status="pending", submitted_at=now - timedelta(hours=1))
    JobFactory(
        title="Older",
        status="pending",
        submitted_at=now - timedelta(days=3),
        employer=personas.orgs.other_employer,
    )
    JobFactory(title="Live", status="published")
    JobFactory(title="Drafty", status="draft")
    client.force_login(personas.staff)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert [job.title for job in response.context["jobs"]] == ["Older", "Newer"]
    html = response.content.decode()
    assert "Other Employer" in html  # the employer of each job
    assert "Live" not in html and "Drafty" not in html


def test_empty_queue(client, personas):
    client.force_login(personas.staff)
    html = client.get(QUEUE).content.decode()
    assert "No job is waiting for review" in html


def test_review_page_shows_the_job_and_both_decisions(client, personas, pending):
    client.force_login(personas.staff)
    html = client.get(reverse("employers:job_review", args=[pending.pk])).content.decode()
    assert "Help Desk Technician" in html and "Answer calls and fix laptops." in html
    assert "Sun City Software" in html and "Python" in html
    assert reverse("employers:job_approve", args=[pending.pk]) in html
    assert reverse("employers:job_send_back", args=[pending.pk]) in html


def test_review_page_of_a_decided_job_has_no_buttons(client, personas):
    job = JobFactory(status="published")
    client.force_login(personas.staff)
    html = client.get(reverse("employers:job_review", args=[job.pk])).content.decode()
    assert 'data-testid="not-pending"' in html
    assert reverse("employers:job_approve", args=[job.pk]) not in html


def test_approving_publishes_and_tells_the_team_once(client, personas, pending):
    client.force_login(personas.staff)
    response = client.post(reverse("employers:job_approve", args=[pending.pk]))
    assert response.status_code == 302 and response["Location"] == QUEUE
    pending.refresh_from_db()
    assert pending.status == "published" and pending.published_at
    assert client.get(reverse("employers:job", args=[pending.slug])).status_code == 200
    team = {personas.employer.pk, personas.employer_member.pk}
    sent = Notification.objects.filter(kind="job_published")
    assert set(sent.values_list("recipient", flat=True)) == team and sent.count() == 2
    # Approving again: a message, no second notification.
    response = client.post(reverse("employers:job_approve", args=[pending.pk]), follow=True)
    assert "not waiting for review any more" in response.content.decode()
    assert Notification.objects.filter(kind="job_published").count() == 2


def test_approving_shows_in_the_queue_message(client, personas, pending):
    client.force_login(personas.staff)
    response = client.post(reverse("employers:job_approve", args=[pending.pk]), follow=True)
    assert "“Help Desk Technician” is published. We let Sun City Software know." in (
        response.content.decode()
    )


def test_sending_back_needs_a_note(client, personas, pending):
    client.force_login(personas.staff)
    for data in [{}, {"note": "   "}, {"note": "x" * 2001}]:
        response = client.post(reverse("employers:job_send_back", args=[pending.pk]), data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Say what the employer should change." in html or "2,000 characters" in html
    pending.refresh_from_db()
    assert pending.status == "pending" and pending.review_note == ""
    assert not Notification.objects.filter(kind="job_sent_back").exists()


def test_sending_back_returns_the_job_to_draft_with_the_note(client, personas, pending):
    client.force_login(personas.staff)
    response = client.post(
        reverse("employers:job_send_back", args=[pending.pk]),
        {"note": "Please give the pay range."},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "draft" and pending.review_note == "Please give the pay range."
    assert Notification.objects.filter(kind="job_sent_back").count() == 2
    # The employer sees the note on the job's page.
    client.force_login(personas.employer)
    html = client.get(reverse("employers:job_detail", args=[pending.pk])).content.decode()
    assert "Please give the pay range." in html


def test_deciding_a_job_that_is_not_pending_changes_nothing(client, personas):
    job = JobFactory(status="draft")
    client.force_login(personas.staff)
    response = client.post(reverse("employers:job_approve", args=[job.pk]))
    assert response.status_code == 302
    response = client.post(reverse("employers:job_send_back", args=[job.pk]), {"note": "No"})
    assert response.status_code == 400
    assert "not waiting for review any more" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "draft" and job.review_note == ""
    assert not Notification.objects.filter(kind__startswith="job_").exists()


def test_unknown_jobs_are_404_for_staff(client, personas):
    client.force_login(personas.staff)
    assert client.get(reverse("employers:job_review", args=[999999])).status_code == 404
    assert client.post(reverse("employers:job_approve", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "persona", ["seeker", "employer", "employer_member", "provider", "partner", "pending_employer"]
)
def test_only_staff_review(client, personas, pending, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(QUEUE).status_code == 403
    assert client.get(reverse("employers:job_review", args=[pending.pk])).status_code == 403
    assert client.post(reverse("employers:job_approve", args=[pending.pk])).status_code == 403
    response = client.post(
        reverse("employers:job_send_back", args=[pending.pk]), {"note": "Change it"}
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending" and Job.objects.filter(status="published").count() == 0


def test_staff_without_mfa_are_sent_to_set_it_up(client, pending):
    from tests.factories import staff_user

    client.force_login(staff_user(with_mfa=False, email="new-staff@borderplex.example"))
    response = client.post(reverse("employers:job_approve", args=[pending.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    pending.refresh_from_db()
    assert pending.status == "pending"
