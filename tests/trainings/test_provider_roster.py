"""The roster of a class and the provider's decisions on each enrollment."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from apps.notifications.models import Notification
from apps.seekers.models import SeekerSkill
from apps.skills.models import Skill
from apps.trainings.models import Cohort, Enrollment, EnrollmentEvent
from tests.factories import UserFactory
from tests.factories.trainings import CohortFactory, EnrollmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(personas):
    program = ProgramFactory(
        provider=personas.orgs.provider,
        title="Help Desk Basics",
        skills=Skill.objects.filter(slug__in=["linux", "git"]),
        status="published",
    )
    return CohortFactory(program=program, seats=4)  # starts in 30 days


def move_start(cohort, days: int, *, ends_in: int | None = None):
    """Move the class's start `days` from today (negative: it already started); with
    `ends_in`, its end that many days from today."""
    start = timezone.localdate() + timedelta(days=days)
    end = timezone.localdate() + timedelta(days=ends_in) if ends_in is not None else None
    Cohort.objects.filter(pk=cohort.pk).update(
        start_date=start,
        enrollment_deadline=start - timedelta(days=3),
        end_date=end or max(cohort.end_date, start),
    )
    cohort.refresh_from_db()
    return cohort


@pytest.fixture
def started(cohort):
    """The same class, which began six weeks ago and is in its last week."""
    return move_start(cohort, -42, ends_in=3)


def decide(client, enrollment, **data):
    return client.post(reverse("trainings:enrollment_status", args=[enrollment.pk]), data)


# ---------------------------------------------------------------------------
# The roster
# ---------------------------------------------------------------------------
def test_roster_lists_people_status_history_and_seats(client, personas, cohort):
    lupe = UserFactory(first_name="Lupe", last_name="Ortiz", email="lupe@people.example")
    applied = EnrollmentFactory(cohort=cohort, seeker=lupe, note="I work days.")
    enrolled = EnrollmentFactory(cohort=cohort, status="enrolled", history=personas.provider)
    EnrollmentFactory(cohort=cohort, status="declined")
    client.force_login(personas.provider)
    response = client.get(reverse("trainings:roster", args=[cohort.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lupe Ortiz" in html and "lupe@people.example" in html
    assert "I work days." in html
    assert 'data-testid="seats-taken">2<' in html  # applied + enrolled; declined frees its seat
    assert 'data-testid="seats-left">2<' in html
    assert 'data-testid="waiting">1<' in html
    assert "by the applicant" in html
    assert f"by {personas.provider.display_name}" in html  # who moved the enrolled one
    # Each row offers only the decisions its status allows.
    rows = html.split('data-testid="roster-row"')[1:]
    assert len(rows) == 3
    row = next(r for r in rows if f"/enrollments/{applied.pk}/" in r)
    assert 'data-testid="action-accepted"' in row and 'data-testid="action-declined"' in row
    assert 'data-testid="action-completed"' not in row
    assert 'name="credential_earned"' not in row
    row = next(r for r in rows if f"/enrollments/{enrolled.pk}/" in r)
    assert 'data-testid="action-withdrawn"' in row
    assert 'data-testid="action-accepted"' not in row
    # The class hasn't started: nobody can be marked completed yet, and the row says when.
    assert 'data-testid="action-completed"' not in row
    assert 'name="credential_earned"' not in row
    start = date_format(cohort.start_date, "DATE_FORMAT")
    assert f"You can mark this person completed once the class starts on {start}." in row
    declined_row = next(r for r in rows if "/enrollments/" not in r)
    assert "No further decisions." in declined_row


def test_once_the_class_started_the_roster_offers_completion(client, personas, started):
    EnrollmentFactory(cohort=started, status="enrolled")
    EnrollmentFactory(cohort=started, status="accepted")
    client.force_login(personas.provider)
    html = client.get(reverse("trainings:roster", args=[started.pk])).content.decode()
    rows = html.split('data-testid="roster-row"')[1:]
    enrolled_row, accepted_row = rows
    assert 'data-testid="action-completed"' in enrolled_row
    assert 'name="credential_earned"' in enrolled_row
    assert 'data-testid="completes-later"' not in enrolled_row
    assert 'data-testid="action-completed"' not in accepted_row  # enrolled first


def test_empty_roster(client, personas, cohort):
    client.force_login(personas.provider)
    html = client.get(reverse("trainings:roster", args=[cohort.pk])).content.decode()
    assert "Nobody has applied to this class yet." in html


def test_roster_query_count_does_not_grow_with_enrollments(client, personas, cohort):
    cohort.seats = 100
    cohort.save()
    client.force_login(personas.provider)
    url = reverse("trainings:roster", args=[cohort.pk])
    statuses = ["applied", "accepted", "enrolled", "completed", "declined"]

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for status in statuses:
        EnrollmentFactory(cohort=cohort, status=status, history=personas.provider)
    five = count()
    for i in range(45):
        EnrollmentFactory(cohort=cohort, status=statuses[i % 5], history=personas.provider)
    assert Enrollment.objects.filter(cohort=cohort).count() == 50
    assert count() <= five


# ---------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------
def test_accepting_records_who_and_tells_the_seeker(client, personas, cohort):
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(personas.provider)
    response = decide(client, enrollment, to="accepted", note="  See you on Monday.  ")
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:roster", args=[cohort.pk])
    enrollment.refresh_from_db()
    assert enrollment.status == "accepted"
    event = enrollment.events.last()
    assert (event.from_status, event.to_status) == ("applied", "accepted")
    assert event.actor == personas.provider and event.note == "See you on Monday."
    told = Notification.objects.get(kind="enrollment_status")
    assert told.recipient == enrollment.seeker
    assert told.context["status"] == "accepted" and told.context["note"] == "See you on Monday."
    html = client.get(response["Location"]).content.decode()
    assert f"You accepted {enrollment.seeker.display_name}" in html


def test_completion_with_credential_verifies_the_programs_skills(client, personas, started):
    enrollment = EnrollmentFactory(cohort=started, status="enrolled")
    client.force_login(personas.provider)
    response = decide(client, enrollment, to="completed", credential_earned="yes")
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == "completed" and enrollment.credential_earned is True
    verified = SeekerSkill.objects.filter(profile__user=enrollment.seeker, verified=True)
    assert set(verified.values_list("skill__slug", flat=True)) == {"linux", "git"}
    assert verified.first().verified_by == "Help Desk Basics"
    told = Notification.objects.get(kind="enrollment_status", recipient=enrollment.seeker)
    assert told.context["status"] == "completed" and told.context["credential_earned"] is True
    html = client.get(response["Location"]).content.decode()
    assert "completed the program" in html
    assert "Earned the credential" in html


def test_completion_without_the_credential(client, personas, started):
    enrollment = EnrollmentFactory(cohort=started, status="enrolled")
    client.force_login(personas.provider)
    assert decide(client, enrollment, to="completed", credential_earned="no").status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == "completed" and enrollment.credential_earned is False
    assert SeekerSkill.objects.filter(profile__user=enrollment.seeker, verified=True).count() == 2


@pytest.mark.parametrize(
    "status,data,message",
    [
        ("applied", {"to": "completed", "credential_earned": "yes"}, "cannot become “Completed”"),
        ("applied", {"to": "enrolled"}, "An enrollment marked “Applied” cannot become “Enrolled”."),
        (
            "declined",
            {"to": "accepted"},
            "An enrollment marked “Declined” cannot become “Accepted”",
        ),
        ("completed", {"to": "withdrawn"}, "cannot become “Withdrawn”"),
        ("applied", {"to": "hired"}, "“hired” is not a status an enrollment can take."),
        ("applied", {"to": "applied"}, "is not a status an enrollment can take."),
        ("applied", {}, "Choose what to do with this enrollment."),
        ("enrolled", {"to": "completed"}, "Say whether this person earned"),
        ("enrolled", {"to": "completed", "credential_earned": "maybe"}, "Answer yes or no"),
        ("applied", {"to": "accepted", "note": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_decisions_are_400_and_change_nothing(client, personas, cohort, status, data, message):
    enrollment = EnrollmentFactory(cohort=cohort, status=status)
    events = EnrollmentEvent.objects.count()
    client.force_login(personas.provider)
    response = decide(client, enrollment, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.status == status
    assert EnrollmentEvent.objects.count() == events
    assert not Notification.objects.filter(kind="enrollment_status").exists()
    assert not SeekerSkill.objects.exists()


def test_nobody_is_marked_completed_before_the_class_starts(client, personas, cohort):
    enrollment = EnrollmentFactory(cohort=cohort, status="enrolled", history=personas.provider)
    events = EnrollmentEvent.objects.count()
    client.force_login(personas.provider)
    response = decide(client, enrollment, to="completed", credential_earned="yes")
    assert response.status_code == 400
    start = date_format(cohort.start_date, "DATE_FORMAT")
    assert (
        f"This class starts on {start}. You can mark people completed once it has started."
        in response.content.decode()
    )
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled" and enrollment.credential_earned is None
    assert EnrollmentEvent.objects.count() == events
    assert not Notification.objects.filter(kind="enrollment_status").exists()
    assert not SeekerSkill.objects.filter(profile__user=enrollment.seeker).exists()


def test_completion_before_the_last_week_needs_a_reason_kept_for_staff(client, personas, cohort):
    move_start(cohort, 0, ends_in=48)  # a seven-week class, on its first day
    enrollment = EnrollmentFactory(cohort=cohort, status="enrolled")
    client.force_login(personas.provider)
    html = client.get(reverse("trainings:roster", args=[cohort.pk])).content.decode()
    assert 'data-testid="completes-early"' in html and 'name="early_reason"' in html

    response = decide(client, enrollment, to="completed", credential_earned="yes")
    assert response.status_code == 400
    end = date_format(cohort.end_date, "DATE_FORMAT")
    last_week = date_format(cohort.end_date - timedelta(days=6), "DATE_FORMAT")
    assert (
        f"This class ends on {end}. You can mark people completed from {last_week}, its last "
        "week. To mark someone completed earlier, give the reason."
    ) in response.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled"
    assert not SeekerSkill.objects.filter(profile__user=enrollment.seeker).exists()

    reason = "She passed the final exam early and starts a job next week."
    response = decide(
        client, enrollment, to="completed", credential_earned="yes", early_reason=reason
    )
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    event = EnrollmentEvent.objects.get(enrollment=enrollment, to_status="completed")
    assert event.early_reason == reason
    # Staff read it on the enrollment in the admin; the provider's history shows it too.
    assert reason in client.get(response["Location"]).content.decode()


def test_in_the_last_week_completion_needs_no_reason(client, personas, started):
    enrollment = EnrollmentFactory(cohort=started, status="enrolled")
    client.force_login(personas.provider)
    html = client.get(reverse("trainings:roster", args=[started.pk])).content.decode()
    assert 'data-testid="completes-early"' not in html
    response = decide(
        client, enrollment, to="completed", credential_earned="no", early_reason="ignored"
    )
    assert response.status_code == 302
    event = EnrollmentEvent.objects.get(enrollment=enrollment, to_status="completed")
    assert event.early_reason == ""  # on time: nothing to explain


def test_a_note_with_line_breaks_counts_them_like_the_textarea_does(client, personas, cohort):
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(personas.provider)
    note = "Nine char\r\n" * 200  # 2,000 characters to maxlength, 2,200 as submitted
    assert decide(client, enrollment, to="accepted", note=note).status_code == 302
    saved = enrollment.events.last().note
    assert "\r" not in saved and len(saved) <= 2000


def test_withdrawing_frees_the_seat(client, personas, cohort):
    enrollment = EnrollmentFactory(cohort=cohort, status="accepted")
    client.force_login(personas.provider)
    assert decide(client, enrollment, to="withdrawn").status_code == 302
    html = client.get(reverse("trainings:roster", args=[cohort.pk])).content.decode()
    assert "Their seat is free again." in html
    assert 'data-testid="seats-left">4<' in html


def test_a_teammate_can_decide_too(client, personas, cohort):
    from tests.factories import member_of

    teammate = member_of(personas.orgs.provider, owner=False, email="coach@borderland.example")
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(teammate)
    assert decide(client, enrollment, to="accepted").status_code == 302
    assert enrollment.events.last().actor == teammate
