"""Beat reminders: employers with hires to report (weekly, per team member) and staff with
hires waiting for verification (daily). Re-running never sends a second reminder; the Celery
tasks are registered under the names the beat schedule uses."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.employers.models import Application, Hire
from apps.employers.services.reminders import remind_unreported_outcomes, remind_unverified_hires
from apps.notifications.models import Notification
from techhire.celery import app
from tests.factories import staff_user
from tests.factories.hires import make_application, make_hire, make_job

pytestmark = pytest.mark.django_db

app.loader.import_default_modules()

MONDAY = date(2020, 3, 2)
WEDNESDAY = MONDAY + timedelta(days=2)
NEXT_MONDAY = MONDAY + timedelta(days=7)


def reminders(kind):
    return Notification.objects.filter(kind=kind)


def age_hire(hire, days: int) -> None:
    Hire.objects.filter(pk=hire.pk).update(created_at=timezone.now() - timedelta(days=days))


# ---------------------------------------------------------------------------
# Employers: hires to report
# ---------------------------------------------------------------------------
def test_every_team_member_hears_about_applicants_hired_but_not_reported(personas):
    org = personas.orgs.employer
    job = make_job(org)
    make_application(job=job)
    make_application(job=job)
    reported = make_application(job=job)
    make_hire(org, application=reported)
    make_application(job=job, status="interview")
    remind_unreported_outcomes(today=MONDAY)
    sent = reminders("hire_reminder")
    assert {n.recipient for n in sent} == {personas.employer, personas.employer_member}
    assert all(n.context == {"count": 2, "url": reverse("employers:hires")} for n in sent)
    # No other employer has anything to report.
    assert not sent.filter(recipient=personas.other_employer).exists()


def test_offers_waiting_two_weeks_are_counted_too(personas):
    org = personas.orgs.employer
    stale = make_application(employer=org, status="offer")
    Application.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=15))
    make_application(employer=org, status="offer")  # a fresh offer: not yet
    make_application(employer=personas.orgs.other_employer, status="offer")  # fresh: nothing
    remind_unreported_outcomes(today=MONDAY)
    sent = reminders("hire_reminder")
    assert sent.count() == 2
    assert {n.context["count"] for n in sent} == {1}
    assert not sent.filter(recipient=personas.other_employer).exists()


def test_the_employer_reminder_goes_once_a_week(personas):
    make_application(employer=personas.orgs.employer)
    remind_unreported_outcomes(today=MONDAY)
    remind_unreported_outcomes(today=MONDAY)
    remind_unreported_outcomes(today=WEDNESDAY)
    assert reminders("hire_reminder").count() == 2  # one per team member
    remind_unreported_outcomes(today=NEXT_MONDAY)
    assert reminders("hire_reminder").count() == 4
    assert reminders("hire_reminder").filter(recipient=personas.employer).count() == 2


def test_nothing_to_report_sends_nothing(personas):
    org = personas.orgs.employer
    make_hire(org, application=make_application(employer=org))
    make_application(employer=org, status="rejected")
    remind_unreported_outcomes(today=MONDAY)
    assert not reminders("hire_reminder").exists()


# ---------------------------------------------------------------------------
# Staff: hires waiting for verification
# ---------------------------------------------------------------------------
def test_staff_hear_about_hires_waiting_more_than_a_week(personas):
    second = staff_user(email="second@borderplex.example")
    gone = staff_user(email="gone@borderplex.example")
    gone.is_active = False
    gone.save()
    org = personas.orgs.employer
    age_hire(make_hire(org), days=8)
    age_hire(make_hire(personas.orgs.other_employer), days=30)
    age_hire(make_hire(org), days=3)  # recent: not yet
    age_hire(make_hire(org, status="verified"), days=30)  # decided
    age_hire(make_hire(org, status="rejected"), days=30)  # decided
    remind_unverified_hires(today=MONDAY)
    sent = reminders("hires_waiting")
    assert {n.recipient for n in sent} == {personas.staff, second}
    assert all(n.context == {"count": 2, "url": reverse("employers:hire_queue")} for n in sent)
    assert not Notification.objects.filter(recipient__role="employer").exists()


def test_recent_hires_alone_send_nothing(personas):
    age_hire(make_hire(personas.orgs.employer), days=6)
    assert remind_unverified_hires(today=MONDAY) == 0
    assert not reminders("hires_waiting").exists()


def test_the_staff_reminder_goes_once_a_day(personas):
    age_hire(make_hire(personas.orgs.employer), days=10)
    remind_unverified_hires(today=MONDAY)
    remind_unverified_hires(today=MONDAY)
    assert reminders("hires_waiting").count() == 1
    remind_unverified_hires(today=MONDAY + timedelta(days=1))
    assert reminders("hires_waiting").count() == 2


# ---------------------------------------------------------------------------
# The Celery tasks behind the beat schedule
# ---------------------------------------------------------------------------
EMPLOYER_TASKS = [
    "employers.expire_jobs",
    "employers.remind_unreported_outcomes",
    "employers.remind_unverified_hires",
    "employers.refresh_search_facets",
]


def test_the_beat_schedule_names_registered_tasks():
    scheduled = {
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"].startswith("employers.")
    }
    assert scheduled == set(EMPLOYER_TASKS)
    for name in EMPLOYER_TASKS:
        assert name in app.tasks, name
        assert app.tasks[name].acks_late is True, name


def test_the_tasks_run_eagerly_and_are_idempotent(personas):
    org = personas.orgs.employer
    expired = make_job(org, closes_in_days=-1)
    open_job = make_job(org)
    make_application(job=open_job)
    age_hire(make_hire(org), days=9)
    closed = []
    for _ in range(2):  # beat may fire twice: nothing is sent or closed twice
        closed.append(app.tasks["employers.expire_jobs"].apply().get())
        app.tasks["employers.remind_unreported_outcomes"].apply().get()
        app.tasks["employers.remind_unverified_hires"].apply().get()
    assert closed == [1, 0]
    expired.refresh_from_db()
    open_job.refresh_from_db()
    assert expired.status == "closed" and expired.closed_at is not None
    assert open_job.status == "published"
    assert reminders("hire_reminder").count() == 2
    assert reminders("hires_waiting").count() == 1
