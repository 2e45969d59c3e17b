"""Factories for programs, cohorts and enrollments.

ProgramFactory()                              a draft program of a new approved provider
ProgramFactory(status="published")            published (published_at set)
ProgramFactory(skills=[python, git])          exactly these skills (default: two of them)
CohortFactory(program__provider=org)          starts in 30 days, open for enrollment
EnrollmentFactory(status="completed")         with the history a real one would have
published_cohort(days_ahead=0, ...)           scenario: a free published class, open to apply
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify

from apps.accounts.models import Organization, Role
from apps.skills.models import Skill
from apps.skills.vocabulary import Schedule, WorkSetting
from apps.trainings import services
from apps.trainings.models import (
    Cohort,
    Enrollment,
    EnrollmentEvent,
    EnrollmentStatus,
    Program,
    ProgramStatus,
    TeachingLanguage,
)

from . import OrganizationFactory, UserFactory

DEFAULT_SKILLS = ("python", "git")


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    provider = factory.SubFactory(
        OrganizationFactory,
        name=factory.Sequence(lambda n: f"Training Provider {n}"),
        kind=Organization.Kind.PROVIDER,
    )
    title = factory.Sequence(lambda n: f"Web Development Bootcamp {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title)[:200]}-{n}")
    summary = "Build websites with HTML, CSS, JavaScript and Python, one project a week."
    description = "Twelve weeks of evening classes with a mentor, ending with a portfolio."
    credential = "Certificate of completion"
    total_cost = Decimal("2500.00")
    cost_after_aid = Decimal("0.00")
    wioa_eligible = True
    scholarships = False
    payment_plan = False
    format = WorkSetting.ONSITE
    schedule = Schedule.EVENING
    length_weeks = 12
    hours_per_week = 8
    language = TeachingLanguage.BILINGUAL
    prerequisites = ""
    status = ProgramStatus.DRAFT
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == ProgramStatus.PUBLISHED else None
    )

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        """The skills taught (default: Python and Git); the search document follows them."""
        if not create:
            return
        if extracted is None:
            extracted = Skill.objects.filter(slug__in=DEFAULT_SKILLS)
        obj.skills.set(extracted)
        services.refresh_search(obj)

    @factory.post_generation
    def occupations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.occupations.set(extracted)
            services.refresh_search(obj)


def _start():
    return timezone.localdate() + timedelta(days=30)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    start_date = factory.LazyFunction(_start)
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(weeks=12))
    enrollment_deadline = factory.LazyAttribute(lambda o: o.start_date - timedelta(days=7))
    seats = 20
    location = "El Paso Community College, Valle Verde campus"


# The steps a real enrollment goes through to reach each status (for its history).
PATHS = {
    EnrollmentStatus.APPLIED: [],
    EnrollmentStatus.ACCEPTED: [EnrollmentStatus.ACCEPTED],
    EnrollmentStatus.DECLINED: [EnrollmentStatus.DECLINED],
    EnrollmentStatus.ENROLLED: [EnrollmentStatus.ACCEPTED, EnrollmentStatus.ENROLLED],
    EnrollmentStatus.COMPLETED: [
        EnrollmentStatus.ACCEPTED,
        EnrollmentStatus.ENROLLED,
        EnrollmentStatus.COMPLETED,
    ],
    EnrollmentStatus.WITHDRAWN: [EnrollmentStatus.WITHDRAWN],
}


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    seeker = factory.SubFactory(UserFactory, role=Role.SEEKER)
    status = EnrollmentStatus.APPLIED
    credential_earned = factory.LazyAttribute(
        lambda o: True if o.status == EnrollmentStatus.COMPLETED else None
    )
    note = "I can come to evening classes."

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        """Events from "applied" to the status, as the services would record them.

        `history=False` leaves the enrollment without events; `history=<user>` names the
        provider's team member who made the changes (default: nobody).
        """
        if not create or extracted is False:
            return
        actor = extracted if extracted not in (None, True) else None
        events = [
            EnrollmentEvent(
                enrollment=obj, from_status="", to_status=EnrollmentStatus.APPLIED, actor=obj.seeker
            )
        ]
        previous = EnrollmentStatus.APPLIED
        for status in PATHS[EnrollmentStatus(obj.status)]:
            events.append(
                EnrollmentEvent(
                    enrollment=obj,
                    from_status=previous,
                    to_status=status,
                    actor=obj.seeker if status == EnrollmentStatus.WITHDRAWN else actor,
                )
            )
            previous = status
        EnrollmentEvent.objects.bulk_create(events)


# ---------------------------------------------------------------------------
# Scenario: a class one can follow from applying to completing
# ---------------------------------------------------------------------------
def published_cohort(
    *,
    seats=10,
    provider=None,
    title="Python Evenings",
    schedule=Schedule.EVENING,
    skills=DEFAULT_SKILLS,
    language=TeachingLanguage.ENGLISH,
    days_ahead=30,
    deadline_days_before=3,
    **program_fields,
) -> Cohort:
    """A published, free program (of a new provider unless given) with one class `days_ahead`
    from today.

    `days_ahead=0, deadline_days_before=0`: the class starts today and people can still
    apply, so one can follow a person from applying to completing (not before the start).
    """
    defaults = {"total_cost": Decimal("0"), "cost_after_aid": None, "credential": ""}
    defaults |= {"wioa_eligible": False, "format": WorkSetting.ONSITE}
    program_fields = defaults | program_fields
    program = ProgramFactory(
        provider=provider
        or OrganizationFactory(name=f"Provider for {title}", kind=Organization.Kind.PROVIDER),
        title=title,
        summary=f"{title}: learn by building.",
        description="Weekly projects with a mentor.",
        schedule=schedule,
        language=language,
        length_weeks=10,
        hours_per_week=6,
        status=ProgramStatus.PUBLISHED,
        skills=Skill.objects.filter(slug__in=skills),
        **program_fields,
    )
    start = timezone.localdate() + timedelta(days=days_ahead)
    return CohortFactory(
        program=program,
        start_date=start,
        end_date=start + timedelta(weeks=10),
        enrollment_deadline=start - timedelta(days=deadline_days_before),
        seats=seats,
        location="El Paso Community Campus",
    )
