"""trainings' domain events: `cohort_published` when a class becomes visible to the public,
`enrollment_completed` when a seeker completes one. Each is sent once, after the commit, and
never for a change that was rolled back."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from apps.accounts import services as account_services
from apps.accounts.models import Organization
from apps.skills.models import Skill
from apps.trainings import services
from apps.trainings.models import Cohort, Enrollment, Program, ProgramStatus
from apps.trainings.signals import cohort_published, enrollment_completed
from tests.factories import OrganizationFactory, UserFactory, member_of, staff_user
from tests.factories.trainings import published_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """What each signal's listener received, in order."""
    calls = {"cohort_published": [], "enrollment_completed": []}

    def on_cohort(sender, **kwargs):
        calls["cohort_published"].append((sender, kwargs))

    def on_completed(sender, **kwargs):
        calls["enrollment_completed"].append((sender, kwargs))

    cohort_published.connect(on_cohort)
    enrollment_completed.connect(on_completed)
    yield calls
    cohort_published.disconnect(on_cohort)
    enrollment_completed.disconnect(on_completed)


def draft_program(provider=None) -> Program:
    provider = provider or OrganizationFactory(name="Events Academy", kind="provider")
    return services.save_program(
        provider=provider,
        data={
            "title": "Cloud Basics",
            "summary": "Learn the cloud.",
            "description": "Weekly labs.",
            "format": "remote",
            "schedule": "evening",
            "length_weeks": 8,
            "hours_per_week": 5,
            "language": "en",
            "total_cost": 0,
        },
        skills=Skill.objects.filter(slug__in=["python"]),
        occupations=[],
    )


def cohort_data(days_ahead=20):
    start = timezone.localdate() + timedelta(days=days_ahead)
    return {
        "start_date": start,
        "end_date": start + timedelta(weeks=8),
        "enrollment_deadline": start - timedelta(days=1),
        "seats": 12,
        "location": "Online",
    }


def test_publishing_a_program_announces_its_upcoming_classes_once_after_commit(
    heard, django_capture_on_commit_callbacks
):
    program = draft_program()
    with django_capture_on_commit_callbacks(execute=True):
        upcoming = services.save_cohort(program=program, data=cohort_data())
        assert heard["cohort_published"] == []  # a draft program's class is not public
    past = Cohort.objects.create(
        program=program,
        start_date=timezone.localdate() - timedelta(days=90),
        end_date=timezone.localdate() - timedelta(days=30),
        enrollment_deadline=timezone.localdate() - timedelta(days=91),
        seats=5,
        location="Online",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_program(program=program)
        assert heard["cohort_published"] == []  # not before the commit
    assert heard["cohort_published"] == [
        (Cohort, {"cohort_id": upcoming.pk, "program_id": program.pk, "signal": cohort_published})
    ]
    assert past.pk not in [kw["cohort_id"] for _s, kw in heard["cohort_published"]]
    # Publishing what is already published announces nothing again.
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_program(program=program)
    assert len(heard["cohort_published"]) == 1


def test_a_class_added_to_a_published_program_is_announced(
    heard, django_capture_on_commit_callbacks
):
    program = published_cohort(title="Data Nights").program
    with django_capture_on_commit_callbacks(execute=True):
        cohort = services.save_cohort(program=program, data=cohort_data(40))
    assert [kw["cohort_id"] for _s, kw in heard["cohort_published"]] == [cohort.pk]
    # Editing it later is not news.
    with django_capture_on_commit_callbacks(execute=True):
        services.save_cohort(program=program, data={"seats": 30}, cohort=cohort)
    assert len(heard["cohort_published"]) == 1


def test_a_rolled_back_publication_announces_nothing(heard, django_capture_on_commit_callbacks):
    program = draft_program()
    services.save_cohort(program=program, data=cohort_data())
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.publish_program(program=program)
        raise RuntimeError("the request failed after publishing")
    assert callbacks == [] and heard["cohort_published"] == []
    assert Program.objects.get(pk=program.pk).status != ProgramStatus.PUBLISHED


def test_a_provider_approved_again_announces_its_published_classes(
    heard, django_capture_on_commit_callbacks
):
    cohort = published_cohort(title="Security Mornings")
    provider = cohort.program.provider
    Organization.objects.filter(pk=provider.pk).update(
        status=Organization.Status.REJECTED, rejection_reason="Missing address."
    )
    provider.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        account_services.approve_organization(organization=provider, reviewer=staff_user())
    assert [kw["cohort_id"] for _s, kw in heard["cohort_published"]] == [cohort.pk]


def completed_once(cohort):
    teacher = member_of(cohort.program.provider)
    enrollment = services.apply(seeker=UserFactory(), cohort=cohort)
    for to in ("accepted", "enrolled"):
        enrollment = services.change_status(enrollment=enrollment, to=to, actor=teacher)
    return enrollment, teacher


def test_completing_a_class_fires_once_after_commit(heard, django_capture_on_commit_callbacks):
    cohort = published_cohort(title="Help Desk", days_ahead=0, deadline_days_before=0)
    enrollment, teacher = completed_once(cohort)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            enrollment=enrollment,
            to="completed",
            actor=teacher,
            credential_earned=True,
            early_reason="Passed the final exam early.",
        )
        assert heard["enrollment_completed"] == []
    assert heard["enrollment_completed"] == [
        (
            Enrollment,
            {
                "enrollment_id": enrollment.pk,
                "seeker_id": enrollment.seeker_id,
                "cohort_id": cohort.pk,
                "credential_earned": True,
                "signal": enrollment_completed,
            },
        )
    ]


def test_a_rolled_back_completion_fires_nothing(heard, django_capture_on_commit_callbacks):
    cohort = published_cohort(title="Linux Weekends", days_ahead=0, deadline_days_before=0)
    enrollment, teacher = completed_once(cohort)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.change_status(
            enrollment=enrollment,
            to="completed",
            actor=teacher,
            early_reason="Passed the final exam early.",
        )
        raise RuntimeError("rolled back")
    assert heard["enrollment_completed"] == []
    assert not [c for c in callbacks if getattr(c, "args", None) == (enrollment_completed,)]
    assert Enrollment.objects.get(pk=enrollment.pk).status == "enrolled"
