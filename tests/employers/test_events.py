"""Employers' domain events (apps/employers/signals.py): each is sent once, after the change
commits, with the documented arguments, and never for a change that was rolled back."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Organization
from apps.accounts.signals import organization_approved
from apps.core.events import send_on_commit
from apps.employers.models import Application, Hire, HireStatus, Job, JobStatus
from apps.employers.services.applications import (
    apply_to_job,
    bulk_move,
    move_application,
    withdraw_application,
)
from apps.employers.services.hires import reject_hire, verify_hire
from apps.employers.services.jobs import (
    approve_job,
    close_job,
    expire_jobs,
    save_job,
    send_back_job,
)
from apps.employers.signals import (
    application_status_changed,
    hire_decided,
    job_closed,
    job_published,
)
from tests.factories.employers import ApplicationFactory, HireFactory, JobFactory

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


@contextmanager
def heard(signal):
    """The (sender, kwargs) of every send of `signal` while the block runs."""
    calls = []

    def receiver(sender, **kwargs):
        kwargs.pop("signal")
        calls.append((sender, kwargs))

    signal.connect(receiver, weak=False)
    try:
        yield calls
    finally:
        signal.disconnect(receiver)


def after_commit(capture, signal, action):
    """Run `action` in a transaction; what `signal` sent before and after the commit."""
    with heard(signal) as calls:
        with capture(execute=True):
            action()
            before = list(calls)
        return before, calls


def rolled_back(signal, action, capture):
    """Run `action` in a transaction that rolls back; what `signal` sent (should be nothing)."""
    with (
        heard(signal) as calls,
        capture(execute=True) as callbacks,
        pytest.raises(Rollback),
        transaction.atomic(),
    ):
        action()
        raise Rollback
    return calls, callbacks


# ---------------------------------------------------------------------------
# job_published
# ---------------------------------------------------------------------------
def test_staff_approval_publishes_a_job_once_after_commit(
    personas, django_capture_on_commit_callbacks
):
    job = JobFactory(employer=personas.orgs.employer, status=JobStatus.PENDING)
    before, after = after_commit(
        django_capture_on_commit_callbacks,
        job_published,
        lambda: approve_job(job=job, reviewer=personas.staff),
    )
    assert before == []
    assert after == [(Job, {"job_id": job.pk})]


def test_approval_rolled_back_publishes_nothing(personas, django_capture_on_commit_callbacks):
    job = JobFactory(employer=personas.orgs.employer, status=JobStatus.PENDING)
    calls, callbacks = rolled_back(
        job_published,
        lambda: approve_job(job=job, reviewer=personas.staff),
        django_capture_on_commit_callbacks,
    )
    assert calls == [] and callbacks == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.PENDING


def test_sending_a_job_back_publishes_nothing(personas, django_capture_on_commit_callbacks):
    job = JobFactory(employer=personas.orgs.employer, status=JobStatus.PENDING)
    _, after = after_commit(
        django_capture_on_commit_callbacks,
        job_published,
        lambda: send_back_job(job=job, reviewer=personas.staff, note="Add the pay range."),
    )
    assert after == []


def test_an_employer_approved_again_announces_its_live_jobs(
    personas, django_capture_on_commit_callbacks
):
    """Approving an employer publishes the jobs it already had published (an employer that
    was not approved in between had them hidden); drafts, expired jobs, other employers' jobs
    and other kinds of organization are not announced."""
    employer = personas.orgs.employer
    live = JobFactory(employer=employer)
    JobFactory(employer=employer, status=JobStatus.DRAFT)
    expired = JobFactory(employer=employer)
    Job.objects.filter(pk=expired.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    JobFactory(employer=personas.orgs.other_employer)

    def approve(organization):
        send_on_commit(
            organization_approved,
            sender=Organization,
            organization_id=organization.pk,
            kind=organization.kind,
        )

    before, after = after_commit(
        django_capture_on_commit_callbacks, job_published, lambda: approve(employer)
    )
    assert before == []
    assert after == [(Job, {"job_id": live.pk})]

    _, after = after_commit(
        django_capture_on_commit_callbacks,
        job_published,
        lambda: approve(personas.orgs.provider),
    )
    assert after == []


def test_a_first_approval_announces_no_job(personas, django_capture_on_commit_callbacks):
    """A pending employer can't have a job published, so its approval announces none."""
    pending = personas.orgs.pending
    JobFactory(employer=pending, status=JobStatus.DRAFT)
    _, after = after_commit(
        django_capture_on_commit_callbacks,
        job_published,
        lambda: organization_approved.send(
            sender=Organization, organization_id=pending.pk, kind=pending.kind
        ),
    )
    assert after == []


# ---------------------------------------------------------------------------
# job_closed
# ---------------------------------------------------------------------------
def test_an_employer_closing_a_published_job_sends_job_closed_once(
    personas, django_capture_on_commit_callbacks
):
    job = JobFactory(employer=personas.orgs.employer)
    before, after = after_commit(
        django_capture_on_commit_callbacks, job_closed, lambda: close_job(job=job)
    )
    assert before == []
    assert after == [(Job, {"job_id": job.pk})]


def test_editing_a_published_job_takes_it_off_the_site_with_job_closed(
    personas, django_capture_on_commit_callbacks
):
    """An edit sends the job back to review: listeners stop showing it until approval."""
    job = JobFactory(employer=personas.orgs.employer)
    skills = list(job.required_skills.all())
    before, after = after_commit(
        django_capture_on_commit_callbacks,
        job_closed,
        lambda: save_job(
            employer=job.employer,
            data={"title": job.title + " (updated)"},
            required_skills=skills,
            preferred_skills=[],
            actor=personas.employer,
            job=job,
        ),
    )
    assert before == []
    assert after == [(Job, {"job_id": job.pk})]
    assert Job.objects.get(pk=job.pk).status == JobStatus.PENDING
    # Editing it again while it waits for review sends nothing more.
    _, again = after_commit(
        django_capture_on_commit_callbacks,
        job_closed,
        lambda: save_job(
            employer=job.employer,
            data={"title": job.title + " (again)"},
            required_skills=skills,
            preferred_skills=[],
            actor=personas.employer,
            job=Job.objects.get(pk=job.pk),
        ),
    )
    assert again == []


def test_closing_a_draft_sends_nothing(personas, django_capture_on_commit_callbacks):
    """A draft was never live: nobody needs to stop showing it."""
    job = JobFactory(employer=personas.orgs.employer, status=JobStatus.DRAFT)
    _, after = after_commit(
        django_capture_on_commit_callbacks, job_closed, lambda: close_job(job=job)
    )
    assert after == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.CLOSED


def test_closing_rolled_back_sends_nothing(personas, django_capture_on_commit_callbacks):
    job = JobFactory(employer=personas.orgs.employer)
    calls, callbacks = rolled_back(
        job_closed, lambda: close_job(job=job), django_capture_on_commit_callbacks
    )
    assert calls == [] and callbacks == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.PUBLISHED


def test_expiry_sends_job_closed_once_per_expired_job(personas, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    expired = JobFactory.create_batch(2, employer=personas.orgs.employer)
    Job.objects.filter(pk__in=[j.pk for j in expired]).update(closes_on=today - timedelta(days=1))
    JobFactory(employer=personas.orgs.employer)  # still open
    JobFactory(employer=personas.orgs.employer, status=JobStatus.DRAFT)
    before, after = after_commit(django_capture_on_commit_callbacks, job_closed, expire_jobs)
    assert before == []
    assert sorted(kwargs["job_id"] for _, kwargs in after) == sorted(j.pk for j in expired)
    assert {sender for sender, _ in after} == {Job}
    # Run again: nothing left to expire, nothing sent.
    _, again = after_commit(django_capture_on_commit_callbacks, job_closed, expire_jobs)
    assert again == []


def test_expiry_rolled_back_sends_nothing(personas, django_capture_on_commit_callbacks):
    job = JobFactory(employer=personas.orgs.employer)
    Job.objects.filter(pk=job.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    calls, callbacks = rolled_back(job_closed, expire_jobs, django_capture_on_commit_callbacks)
    assert calls == [] and callbacks == []


# ---------------------------------------------------------------------------
# application_status_changed
# ---------------------------------------------------------------------------
def test_applying_sends_a_new_application_once(personas, django_capture_on_commit_callbacks):
    job = JobFactory(employer=personas.orgs.employer)
    before, after = after_commit(
        django_capture_on_commit_callbacks,
        application_status_changed,
        lambda: apply_to_job(seeker=personas.seeker, job=job),
    )
    application = Application.objects.get(job=job, seeker=personas.seeker)
    assert before == []
    assert after == [
        (
            Application,
            {
                "application_id": application.pk,
                "seeker_id": personas.seeker.pk,
                "job_id": job.pk,
                "old_status": None,
                "new_status": "submitted",
            },
        )
    ]


def test_applying_rolled_back_sends_nothing(personas, django_capture_on_commit_callbacks):
    job = JobFactory(employer=personas.orgs.employer)
    calls, callbacks = rolled_back(
        application_status_changed,
        lambda: apply_to_job(seeker=personas.seeker, job=job),
        django_capture_on_commit_callbacks,
    )
    assert calls == [] and callbacks == []
    assert not Application.objects.filter(job=job).exists()


def test_a_duplicate_application_sends_nothing(personas, django_capture_on_commit_callbacks):
    job = JobFactory(employer=personas.orgs.employer)
    ApplicationFactory(job=job, seeker=personas.seeker)

    def apply_again():
        with pytest.raises(Exception, match="already applied"):
            apply_to_job(seeker=personas.seeker, job=job)

    _, after = after_commit(
        django_capture_on_commit_callbacks, application_status_changed, apply_again
    )
    assert after == []


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("submitted", "reviewing"),
        ("reviewing", "interview"),
        ("interview", "offer"),
        ("offer", "hired"),
        ("interview", "reviewing"),  # a step back is a change too
    ],
)
def test_each_move_sends_old_and_new_status_once(
    personas, django_capture_on_commit_callbacks, start, to
):
    application = ApplicationFactory(
        job=JobFactory(employer=personas.orgs.employer), seeker=personas.seeker, status=start
    )
    before, after = after_commit(
        django_capture_on_commit_callbacks,
        application_status_changed,
        lambda: move_application(application=application, to=to, actor=personas.employer),
    )
    assert before == []
    assert after == [
        (
            Application,
            {
                "application_id": application.pk,
                "seeker_id": personas.seeker.pk,
                "job_id": application.job_id,
                "old_status": start,
                "new_status": to,
            },
        )
    ]


def test_a_refused_move_sends_nothing(personas, django_capture_on_commit_callbacks):
    application = ApplicationFactory(
        job=JobFactory(employer=personas.orgs.employer), status="submitted"
    )

    def move():
        with pytest.raises(Exception, match="cannot move"):
            move_application(application=application, to="hired", actor=personas.employer)

    _, after = after_commit(django_capture_on_commit_callbacks, application_status_changed, move)
    assert after == []


def test_a_move_rolled_back_sends_nothing(personas, django_capture_on_commit_callbacks):
    application = ApplicationFactory(
        job=JobFactory(employer=personas.orgs.employer), status="submitted"
    )
    calls, callbacks = rolled_back(
        application_status_changed,
        lambda: move_application(application=application, to="reviewing", actor=personas.employer),
        django_capture_on_commit_callbacks,
    )
    assert calls == [] and callbacks == []
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_a_bulk_move_sends_once_per_application_moved(personas, django_capture_on_commit_callbacks):
    job = JobFactory(employer=personas.orgs.employer)
    movable = ApplicationFactory.create_batch(2, job=job, status="submitted")
    stuck = ApplicationFactory(job=job, status="withdrawn")
    before, after = after_commit(
        django_capture_on_commit_callbacks,
        application_status_changed,
        lambda: bulk_move(applications=[*movable, stuck], to="reviewing", actor=personas.employer),
    )
    assert before == []
    assert sorted((k["application_id"], k["old_status"], k["new_status"]) for _, k in after) == [
        (a.pk, "submitted", "reviewing") for a in sorted(movable, key=lambda a: a.pk)
    ]


def test_withdrawing_sends_once(personas, django_capture_on_commit_callbacks):
    application = ApplicationFactory(
        job=JobFactory(employer=personas.orgs.employer),
        seeker=personas.seeker,
        status="interview",
    )
    _, after = after_commit(
        django_capture_on_commit_callbacks,
        application_status_changed,
        lambda: withdraw_application(application=application, seeker=personas.seeker),
    )
    assert [(k["old_status"], k["new_status"], k["seeker_id"]) for _, k in after] == [
        ("interview", "withdrawn", personas.seeker.pk)
    ]


# ---------------------------------------------------------------------------
# hire_decided
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("decision", ["verified", "rejected"])
def test_a_decided_hire_is_announced_once_after_commit(
    personas, django_capture_on_commit_callbacks, decision
):
    hire = HireFactory(employer=personas.orgs.employer)

    def decide():
        if decision == "verified":
            verify_hire(hire=hire, reviewer=personas.staff)
        else:
            reject_hire(hire=hire, reviewer=personas.staff, reason="No such person on payroll.")

    before, after = after_commit(django_capture_on_commit_callbacks, hire_decided, decide)
    assert before == []
    assert after == [
        (
            Hire,
            {"hire_id": hire.pk, "status": decision, "employer_id": personas.orgs.employer.pk},
        )
    ]


def test_a_decision_rolled_back_announces_nothing(personas, django_capture_on_commit_callbacks):
    hire = HireFactory(employer=personas.orgs.employer)
    calls, callbacks = rolled_back(
        hire_decided,
        lambda: verify_hire(hire=hire, reviewer=personas.staff),
        django_capture_on_commit_callbacks,
    )
    assert calls == [] and callbacks == []
    assert Hire.objects.get(pk=hire.pk).status == HireStatus.REPORTED


def test_a_refused_decision_announces_nothing(personas, django_capture_on_commit_callbacks):
    hire = HireFactory(employer=personas.orgs.employer, status=HireStatus.VERIFIED)

    def decide_again():
        with pytest.raises(Exception, match="already been decided"):
            verify_hire(hire=hire, reviewer=personas.staff)

    _, after = after_commit(django_capture_on_commit_callbacks, hire_decided, decide_again)
    assert after == []
