"""Factories for jobs, applications, pledges and hires.

JobFactory()                                  published, open 30 more days, by a new approved
                                              employer; requires Python and Git; searchable
                                              and in matching's index of open jobs
JobFactory(status="draft")                    a draft (no submitted_at / published_at)
JobFactory(required_skills=["help-desk"])     exactly these skills (slugs or Skill rows)
JobFactory(preferred_skills=["linux"])        nice-to-have skills (default: none)
ApplicationFactory(status="interview")        with the history a real one would have
PledgeFactory(occupations=[...])              5 hires within a year (default: 15-1232)
HireFactory()                                 a reported hire of a new seeker
HireFactory(application=app)                  the hire of an application's seeker, for its job
HireFactory(seeker=None, external_email=...)  an external candidate
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify

from apps.accounts.models import Organization, Role
from apps.employers.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Hire,
    HireStatus,
    Job,
    JobStatus,
    PayUnit,
    Pledge,
    RejectionReason,
)
from apps.employers.services.jobs import refresh_search
from apps.matching.services import index_open_jobs
from apps.skills.models import Occupation, Skill
from apps.skills.vocabulary import EmploymentType, Schedule, WorkSetting

from . import OrganizationFactory, UserFactory

DEFAULT_SKILLS = ("python", "git")
DEFAULT_SOC = "15-1232"  # Computer User Support Specialists


def _occupation(soc_code: str = DEFAULT_SOC) -> Occupation:
    return Occupation.objects.get(soc_code=soc_code)


def _skills(extracted):
    """Skill rows from rows or slugs."""
    items = list(extracted)
    slugs = [item for item in items if isinstance(item, str)]
    rows = [item for item in items if isinstance(item, Skill)]
    if slugs:
        rows += list(Skill.objects.filter(slug__in=slugs))
    return rows


def _a_member(organization):
    membership = organization.memberships.select_related("user").order_by("pk").first()
    return membership.user if membership else None


def _employer():
    return factory.SubFactory(
        OrganizationFactory,
        name=factory.Sequence(lambda n: f"Employer {n}"),
        kind=Organization.Kind.EMPLOYER,
    )


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job
        skip_postgeneration_save = True

    employer = _employer()
    # A member of the employer when it has one. (The model needs it to edit the job: see
    # created_by, which has null=True but not blank=True.)
    created_by = factory.LazyAttribute(lambda o: _a_member(o.employer))
    title = factory.Sequence(lambda n: f"IT Support Technician {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title)[:200]}-{n}")
    occupation = factory.LazyFunction(_occupation)
    description = "Help our team with computers, accounts and printers. We train new hires."
    pay_min = Decimal("18.00")
    pay_max = Decimal("22.00")
    pay_unit = PayUnit.HOUR
    work_setting = WorkSetting.ONSITE
    location = "El Paso, TX"
    schedule = Schedule.DAY
    employment_type = EmploymentType.FULL_TIME
    openings = 2
    degree_required = False
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    status = JobStatus.PUBLISHED
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status in (JobStatus.PENDING, JobStatus.PUBLISHED) else None
    )
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == JobStatus.PUBLISHED else None
    )
    closed_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == JobStatus.CLOSED else None
    )

    @factory.post_generation
    def required_skills(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.required_skills.set(_skills(DEFAULT_SKILLS if extracted is None else extracted))

    @factory.post_generation
    def preferred_skills(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.preferred_skills.set(_skills(extracted))

    @factory.post_generation
    def search(obj, create, extracted, **kwargs):
        """The search document follows the title, skills and description (last hook)."""
        if create:
            refresh_search(obj)

    @factory.post_generation
    def matching_index(obj, create, extracted, **kwargs):
        """A published job is in matching's index of open jobs, as `job_published` puts it
        there (the event itself is not sent: it would also fan alerts out)."""
        if create and obj.status == JobStatus.PUBLISHED:
            index_open_jobs(job_id=obj.pk)


# The steps a real application goes through to reach each status (for its history).
PATHS = {
    ApplicationStatus.SUBMITTED: [],
    ApplicationStatus.REVIEWING: [ApplicationStatus.REVIEWING],
    ApplicationStatus.INTERVIEW: [ApplicationStatus.REVIEWING, ApplicationStatus.INTERVIEW],
    ApplicationStatus.OFFER: [
        ApplicationStatus.REVIEWING,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFER,
    ],
    ApplicationStatus.HIRED: [
        ApplicationStatus.REVIEWING,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFER,
        ApplicationStatus.HIRED,
    ],
    ApplicationStatus.REJECTED: [ApplicationStatus.REJECTED],
    ApplicationStatus.WITHDRAWN: [ApplicationStatus.WITHDRAWN],
}


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    job = factory.SubFactory(JobFactory)
    seeker = factory.SubFactory(UserFactory, role=Role.SEEKER)
    status = ApplicationStatus.SUBMITTED
    note = "I fix computers for my family and my neighbors, and I can start next week."
    rejection_reason = factory.LazyAttribute(
        lambda o: RejectionReason.SKILLS if o.status == ApplicationStatus.REJECTED else ""
    )

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        """Events from "submitted" to the status, as the services would record them.

        `history=False` leaves the application without events; `history=<user>` names the
        employer's team member who made the changes (default: nobody).
        """
        if not create or extracted is False:
            return
        actor = extracted if extracted not in (None, True) else None
        events = [
            ApplicationEvent(
                application=obj, to_status=ApplicationStatus.SUBMITTED, actor=obj.seeker
            )
        ]
        previous = ApplicationStatus.SUBMITTED
        for status in PATHS[ApplicationStatus(obj.status)]:
            events.append(
                ApplicationEvent(
                    application=obj,
                    from_status=previous,
                    to_status=status,
                    actor=obj.seeker if status == ApplicationStatus.WITHDRAWN else actor,
                    reason=obj.rejection_reason if status == ApplicationStatus.REJECTED else "",
                )
            )
            previous = status
        ApplicationEvent.objects.bulk_create(events)


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge
        skip_postgeneration_save = True

    employer = _employer()
    hires = 5
    by_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
    signed_by = None

    @factory.post_generation
    def occupations(obj, create, extracted, **kwargs):
        if create:
            obj.occupations.set(extracted if extracted is not None else [_occupation()])


class HireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hire

    application = None
    employer = factory.Maybe(
        "application",
        yes_declaration=factory.LazyAttribute(lambda o: o.application.job.employer),
        no_declaration=_employer(),
    )
    job = factory.Maybe(
        "application",
        yes_declaration=factory.LazyAttribute(lambda o: o.application.job),
        no_declaration=None,
    )
    seeker = factory.Maybe(
        "application",
        yes_declaration=factory.LazyAttribute(lambda o: o.application.seeker),
        no_declaration=factory.SubFactory(UserFactory, role=Role.SEEKER),
    )
    external_name = ""
    external_email = ""
    occupation = factory.LazyFunction(_occupation)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    wage = Decimal("20.00")
    wage_unit = PayUnit.HOUR
    pledge = None
    status = HireStatus.REPORTED
    decided_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status != HireStatus.REPORTED else None
    )
    rejection_reason = factory.LazyAttribute(
        lambda o: "We could not confirm the start date." if o.status == HireStatus.REJECTED else ""
    )
