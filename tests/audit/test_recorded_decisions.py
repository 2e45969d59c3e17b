"""Every decision the trail must hold writes one entry, in the decision's transaction:
staff on organizations, jobs and hires; exports of people's data; employers' pipeline moves
(one at a time and in bulk) and applicant CSV exports; providers' roster moves and
completions; account erasure (see
tests/portal/test_privacy_erasure.py); teams (tests/accounts/test_leaving.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts import services as accounts
from apps.audit.models import Action, AuditEntry
from apps.employers.models import HireStatus
from apps.employers.services import hires, jobs
from apps.employers.services.applications import bulk_move, move_application, withdraw_application
from apps.trainings import services as trainings
from tests.factories import UserFactory, member_of
from tests.factories.employers import JobFactory
from tests.factories.hires import make_application, make_hire
from tests.factories.pipeline import application, job, seeker
from tests.factories.trainings import published_cohort
from tests.goals.builders import reboot_goal

pytestmark = pytest.mark.django_db


def only(action) -> AuditEntry:
    (entry,) = AuditEntry.objects.filter(action=action)
    return entry


def test_approving_rejecting_and_withdrawing_an_organization(personas):
    accounts.approve_organization(organization=personas.orgs.pending, reviewer=personas.staff)
    approved = only(Action.ORGANIZATION_APPROVED)
    assert (approved.actor, approved.organization_id) == (personas.staff, personas.orgs.pending.pk)
    assert approved.details == {"from": "pending", "to": "approved", "kind": "employer"}
    # Rejecting an approved organization withdraws its approval.
    accounts.reject_organization(
        organization=personas.orgs.pending, reviewer=personas.staff, reason="Not an employer."
    )
    assert only(Action.ORGANIZATION_WITHDRAWN).details["from"] == "approved"
    new = personas.orgs.other_partner
    new.status = "pending"
    new.save()
    accounts.reject_organization(organization=new, reviewer=personas.staff, reason="Unknown.")
    assert only(Action.ORGANIZATION_REJECTED).target_label == "Other Partner"


def test_a_refused_decision_leaves_no_entry(personas):
    with pytest.raises(ValidationError):
        accounts.approve_organization(organization=personas.orgs.employer, reviewer=personas.staff)
    assert not AuditEntry.objects.exists()


def test_publishing_and_sending_back_a_job(personas):
    first = JobFactory(employer=personas.orgs.employer, title="Data Analyst", status="pending")
    second = JobFactory(employer=personas.orgs.employer, title="Web Developer", status="pending")
    jobs.approve_job(job=first, reviewer=personas.staff)
    jobs.send_back_job(job=second, reviewer=personas.staff, note="Add the pay range.")
    published, sent_back = only(Action.JOB_PUBLISHED), only(Action.JOB_SENT_BACK)
    assert (published.target_type, published.target_id) == ("job", first.pk)
    assert sent_back.target_label == "Web Developer"
    assert sent_back.organization_label == "Sun City Software"


def test_verifying_and_rejecting_hires(personas):
    lupe = seeker(first_name="Lupe", last_name="Ortiz", email="lupe@people.example")
    employer = personas.orgs.employer
    reported = make_hire(employer, application=make_application(employer=employer, seeker=lupe))
    external = make_hire(employer, external_email="pat@people.example", external_name="Pat Lee")
    hires.verify_hire(hire=reported, reviewer=personas.staff)
    hires.reject_hire(hire=external, reviewer=personas.staff, reason="Could not confirm.")
    verified, rejected = only(Action.HIRE_VERIFIED), only(Action.HIRE_REJECTED)
    assert (verified.person, verified.actor) == (lupe, personas.staff)
    assert "Lupe Ortiz" in verified.person_label
    assert (rejected.person, rejected.person_label) == (None, "Pat Lee")
    assert rejected.details["occupation"] == "15-1252"
    assert reported.__class__.objects.get(pk=reported.pk).status == HireStatus.VERIFIED


def test_exporting_goal_tables_and_the_demographics(client, personas):
    goal = reboot_goal()
    client.force_login(personas.staff)
    assert client.get(reverse("goals:export", args=[goal.pk, "populations"])).status_code == 200
    assert client.get(reverse("goals:export", args=[goal.pk, "months"])).status_code == 200
    demographics = only(Action.DEMOGRAPHICS_EXPORTED)
    assert (demographics.actor, demographics.target_id) == (personas.staff, goal.pk)
    assert only(Action.GOAL_TABLE_EXPORTED).details == {"table": "months", "filters": {}}


def test_an_employers_moves_one_at_a_time_and_in_bulk(personas):
    ours = job(personas.orgs.employer, title="Help Desk Technician")
    one, two, three = application(ours), application(ours), application(ours, status="reviewing")
    move_application(application=one, to="reviewing", actor=personas.employer)
    moved, skipped = bulk_move(applications=[two, three], to="interview", actor=personas.employer)
    assert (moved, skipped) == (2, 0)
    entries = AuditEntry.objects.filter(action=Action.APPLICATION_MOVED).order_by("pk")
    assert [(e.target_id, e.details["to"], e.details["bulk"]) for e in entries] == [
        (one.pk, "reviewing", False),
        (two.pk, "interview", True),
        (three.pk, "interview", True),
    ]
    first = entries[0]
    assert (first.person, first.actor) == (one.seeker, personas.employer)
    assert (first.organization_id, first.target_label) == (
        personas.orgs.employer.pk,
        "Help Desk Technician",
    )
    assert first.details["from"] == "submitted"


def test_a_seeker_withdrawing_is_not_an_employers_decision(personas):
    mine = application(job(personas.orgs.employer))
    withdraw_application(application=mine, seeker=mine.seeker)
    assert not AuditEntry.objects.exists()


def test_exporting_applicants(client, personas):
    ours = job(personas.orgs.employer, title="Help Desk Technician")
    application(ours)
    application(ours)
    client.force_login(personas.employer_member)
    response = client.get(reverse("employers:pipeline_csv", args=[ours.pk]))
    b"".join(response.streaming_content)
    entry = only(Action.APPLICANTS_EXPORTED)
    assert (entry.actor, entry.target_id, entry.target_label) == (
        personas.employer_member,
        ours.pk,
        "Help Desk Technician",
    )


def test_a_providers_roster_moves_and_completions(personas):
    cohort = published_cohort(
        provider=personas.orgs.provider, days_ahead=0, deadline_days_before=0
    )  # starts today
    teacher = member_of(personas.orgs.provider)
    seeker = UserFactory(first_name="Lupe", last_name="Ortiz")
    enrollment = trainings.apply(seeker=seeker, cohort=cohort)
    assert not AuditEntry.objects.exists()  # applying is the person's own doing
    for to in ["accepted", "enrolled"]:
        trainings.change_status(enrollment=enrollment, to=to, actor=teacher)
    trainings.change_status(
        enrollment=enrollment,
        to="completed",
        actor=teacher,
        credential_earned=True,
        early_reason="Passed the final exam early.",
    )
    moves = AuditEntry.objects.filter(action=Action.ENROLLMENT_MOVED).order_by("pk")
    assert [(e.details["from"], e.details["to"]) for e in moves] == [
        ("applied", "accepted"),
        ("accepted", "enrolled"),
    ]
    done = only(Action.ENROLLMENT_COMPLETED)
    assert (done.actor, done.person, done.target_type, done.target_id) == (
        teacher,
        seeker,
        "enrollment",
        enrollment.pk,
    )
    assert (done.organization_id, done.organization_label) == (
        personas.orgs.provider.pk,
        personas.orgs.provider.name,
    )
    assert done.target_label == str(cohort)  # the program and class, not the person
    assert "Lupe" not in done.target_label
    assert done.details == {
        "from": "enrolled",
        "to": "completed",
        "cohort": cohort.pk,
        "program": cohort.program_id,
        "credential_earned": True,
        "early": True,  # that a reason was given; the reason itself stays with trainings
    }


def test_a_refused_roster_move_and_a_seeker_withdrawing_leave_no_entry(personas):
    cohort = published_cohort(provider=personas.orgs.provider, days_ahead=10)
    teacher = member_of(personas.orgs.provider)
    enrollment = trainings.apply(seeker=UserFactory(), cohort=cohort)
    with pytest.raises(ValidationError):
        trainings.change_status(enrollment=enrollment, to="completed", actor=teacher)
    trainings.change_status(enrollment=enrollment, to="declined", actor=teacher)
    assert only(Action.ENROLLMENT_MOVED).details["to"] == "declined"
    other = trainings.apply(seeker=UserFactory(), cohort=cohort)
    trainings.withdraw(enrollment=other, seeker=other.seeker)
    assert AuditEntry.objects.count() == 1
