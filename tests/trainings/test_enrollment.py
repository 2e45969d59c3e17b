"""Applying to a cohort: once per person, seats held under real concurrency, and the
status changes that follow (each notifying the seeker)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from apps.notifications.models import Notification
from apps.seekers.models import SeekerSkill
from apps.trainings import services
from apps.trainings.models import Cohort, Enrollment, EnrollmentEvent
from tests.factories import UserFactory, member_of
from tests.factories.trainings import published_cohort


@pytest.mark.django_db
def test_apply_once_and_the_provider_team_is_told(django_capture_on_commit_callbacks):
    cohort = published_cohort(seats=3)
    owner = member_of(cohort.program.provider)
    seeker = UserFactory(first_name="Lupe")
    enrollment = services.apply(seeker=seeker, cohort=cohort, note="I work days.")
    assert enrollment.status == "applied" and enrollment.note == "I work days."
    assert EnrollmentEvent.objects.get(enrollment=enrollment).to_status == "applied"
    told = Notification.objects.get(kind="enrollment_received")
    assert told.recipient == owner and told.context["program_title"] == "Python Evenings"
    with pytest.raises(ValidationError, match="already applied"):
        services.apply(seeker=seeker, cohort=cohort)
    assert Enrollment.objects.count() == 1


@pytest.mark.django_db
def test_a_full_cohort_says_so():
    cohort = published_cohort(seats=1)
    services.apply(seeker=UserFactory(), cohort=cohort)
    with pytest.raises(services.CohortFull, match="This class is full"):
        services.apply(seeker=UserFactory(), cohort=cohort)


@pytest.mark.django_db
def test_declined_and_withdrawn_people_free_their_seat():
    cohort = published_cohort(seats=1)
    first = services.apply(seeker=UserFactory(), cohort=cohort)
    services.withdraw(enrollment=first, seeker=first.seeker)
    services.apply(seeker=UserFactory(), cohort=cohort)  # the seat is free again
    assert Enrollment.objects.filter(status="applied").count() == 1


@pytest.mark.django_db
def test_closed_or_unpublished_cohorts_refuse_applications():
    cohort = published_cohort(days_ahead=2)  # deadline was yesterday
    with pytest.raises(ValidationError, match="closed"):
        services.apply(seeker=UserFactory(), cohort=cohort)
    draft = published_cohort(title="Draft course")
    draft.program.status = "draft"
    draft.program.save()
    with pytest.raises(ValidationError, match="not open"):
        services.apply(seeker=UserFactory(), cohort=draft)


@pytest.mark.django_db(transaction=True)
def test_two_seekers_racing_for_the_last_seat_one_gets_it():
    """Two real transactions. A holds the cohort and takes the last seat; B asks meanwhile.

    B must wait for A (the row lock) and then find the class full. Were the lock missing,
    B would count the seats before A commits, and the cohort would be overbooked.
    """
    cohort = published_cohort(seats=1)
    a, b = UserFactory(email="a@people.example"), UserFactory(email="b@people.example")
    a_inserted, go_commit = threading.Event(), threading.Event()
    outcome = {}

    def seeker_a():
        try:
            with transaction.atomic():
                services.apply(seeker=a, cohort=cohort)
                a_inserted.set()
                go_commit.wait(timeout=10)
            outcome["a"] = "seat"
        finally:
            connection.close()

    def seeker_b():
        try:
            a_inserted.wait(timeout=10)
            services.apply(seeker=b, cohort=cohort)
            outcome["b"] = "seat"
        except services.CohortFull:
            outcome["b"] = "full"
        finally:
            connection.close()

    threads = [threading.Thread(target=seeker_a), threading.Thread(target=seeker_b)]
    for thread in threads:
        thread.start()
    a_inserted.wait(timeout=10)
    # Let A commit once B is blocked on the row lock (or after 3 s if B never blocks).
    deadline = time.monotonic() + 3
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                break
            time.sleep(0.05)
    go_commit.set()
    for thread in threads:
        thread.join(timeout=15)

    assert outcome == {"a": "seat", "b": "full"}
    assert Enrollment.objects.filter(cohort=cohort).count() == 1
    assert Cohort.objects.get(pk=cohort.pk).enrollments.get().seeker == a


@pytest.mark.django_db
def test_status_changes_follow_the_rules_and_notify_the_seeker():
    cohort = published_cohort(days_ahead=0, deadline_days_before=0)  # starts today
    provider_owner = member_of(cohort.program.provider)
    seeker = UserFactory(preferred_language="es")
    enrollment = services.apply(seeker=seeker, cohort=cohort)
    with pytest.raises(ValidationError, match="cannot become"):
        services.change_status(enrollment=enrollment, to="completed", actor=provider_owner)
    for to in ["accepted", "enrolled"]:
        services.change_status(enrollment=enrollment, to=to, actor=provider_owner)
    services.change_status(
        enrollment=enrollment,
        to="completed",
        actor=provider_owner,
        credential_earned=True,
        early_reason="Passed the final exam early.",
    )
    enrollment.refresh_from_db()
    assert enrollment.status == "completed" and enrollment.credential_earned is True
    history = list(
        EnrollmentEvent.objects.filter(enrollment=enrollment).values_list(
            "from_status", "to_status"
        )
    )
    assert history == [
        ("", "applied"),
        ("applied", "accepted"),
        ("accepted", "enrolled"),
        ("enrolled", "completed"),
    ]
    statuses = list(
        Notification.objects.filter(recipient=seeker, kind="enrollment_status")
        .order_by("pk")
        .values_list("context__status", flat=True)
    )
    assert statuses == ["accepted", "enrolled", "completed"]
    # Completion vouches for the program's skills on the seeker's profile.
    verified = SeekerSkill.objects.filter(profile__user=seeker, verified=True)
    assert sorted(s.skill.slug for s in verified) == ["git", "python"]
    assert verified.first().verified_by == "Python Evenings"


@pytest.mark.django_db
def test_nobody_completes_a_class_before_it_starts():
    cohort = published_cohort(days_ahead=10)
    teacher = member_of(cohort.program.provider)
    enrollment = services.apply(seeker=UserFactory(), cohort=cohort)
    for to in ["accepted", "enrolled"]:
        services.change_status(enrollment=enrollment, to=to, actor=teacher)
    with pytest.raises(ValidationError, match="You can mark people completed once") as caught:
        services.change_status(
            enrollment=enrollment, to="completed", actor=teacher, credential_earned=True
        )
    assert caught.value.code == "not_started"
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled" and enrollment.credential_earned is None
    assert not EnrollmentEvent.objects.filter(enrollment=enrollment, to_status="completed")
    assert not SeekerSkill.objects.exists()
    # Withdrawing before the start is still possible.
    services.withdraw(enrollment=enrollment, seeker=enrollment.seeker)


@pytest.mark.django_db
def test_a_seeker_withdraws_only_their_own():
    cohort = published_cohort()
    enrollment = services.apply(seeker=UserFactory(), cohort=cohort)
    with pytest.raises(ValidationError):
        services.withdraw(enrollment=enrollment, seeker=UserFactory())
    services.withdraw(enrollment=enrollment, seeker=enrollment.seeker)
    enrollment.refresh_from_db()
    assert enrollment.status == "withdrawn"
    assert not Notification.objects.filter(kind="enrollment_status").exists()  # they know
