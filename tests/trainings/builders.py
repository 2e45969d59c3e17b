"""Small builders for enrollment tests (the provider tests use tests/factories/trainings.py)."""

from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import Organization
from apps.skills.models import Skill
from apps.trainings import services
from apps.trainings.models import Cohort, Program
from tests.factories import OrganizationFactory


def published_cohort(
    *,
    seats=10,
    provider=None,
    title="Python Evenings",
    schedule="evening",
    skills=("python", "git"),
    language="en",
    days_ahead=30,
    deadline_days_before=3,
    **program_fields,
):
    """A published program with one class `days_ahead` from today.

    `days_ahead=0, deadline_days_before=0`: the class starts today and people can still
    apply, so one can follow a person from applying to completing (not before the start).
    A class that starts today or earlier lasts a week: it is in its last week, when people
    may be marked completed without a reason.
    """
    provider = provider or OrganizationFactory(
        name=f"Provider for {title}", kind=Organization.Kind.PROVIDER
    )
    program = services.save_program(
        provider=provider,
        data={
            "title": title,
            "summary": f"{title}: learn by building.",
            "description": "Weekly projects with a mentor.",
            "format": program_fields.pop("format", "onsite"),
            "schedule": schedule,
            "length_weeks": 10,
            "hours_per_week": 6,
            "language": language,
            "total_cost": program_fields.pop("total_cost", 0),
            **program_fields,
        },
        skills=Skill.objects.filter(slug__in=skills),
        occupations=[],
    )
    start = timezone.localdate() + timedelta(days=days_ahead)
    cohort = Cohort.objects.create(
        program=program,
        start_date=start,
        end_date=start + timedelta(days=6) if days_ahead <= 0 else start + timedelta(weeks=10),
        enrollment_deadline=start - timedelta(days=deadline_days_before),
        seats=seats,
        location="El Paso Community Campus",
    )
    Program.objects.filter(pk=program.pk).update(status="published", published_at=timezone.now())
    program.refresh_from_db()
    return cohort
