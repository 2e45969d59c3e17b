"""Scenarios for the pledges-and-hires tests, over the factories: rows made some days ago
(so hires can start after them), a hire reported and decided through the services, and a
training the person completed step by step."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import Organization, Role
from apps.employers.models import Application, Hire, HireStatus, Job, JobStatus, Pledge
from apps.employers.services.hires import report_hire
from apps.employers.services.pledges import refill_pledges
from apps.skills.models import Occupation
from apps.trainings import services as training_services
from apps.trainings.models import Enrollment, EnrollmentEvent, EnrollmentStatus

from . import OrganizationFactory, UserFactory, member_of
from .employers import ApplicationFactory, JobFactory, PledgeFactory
from .trainings import published_cohort

DEVELOPERS = "15-1252"  # Software Developers: a tech occupation
HELP_DESK = "15-1232"  # Computer User Support Specialists: a tech occupation
NOT_TECH = "43-4051"  # Customer Service Representatives: does not count


def occupation(soc_code: str = DEVELOPERS) -> Occupation:
    return Occupation.objects.get(soc_code=soc_code)


def make_job(
    employer: Organization,
    *,
    title: str = "Junior Web Developer",
    soc_code: str = DEVELOPERS,
    status: str = JobStatus.PUBLISHED,
    pay_min: str = "18.00",
    pay_max: str = "24.00",
    pay_unit: str = "hour",
    closes_in_days: int = 30,
    posted_days_ago: int = 90,
) -> Job:
    """A job posted (and created) `posted_days_ago` days ago, so hires from its applications
    may start in the recent past."""
    posted = timezone.now() - timedelta(days=posted_days_ago)
    job = JobFactory(
        employer=employer,
        title=title,
        occupation=occupation(soc_code),
        pay_min=Decimal(pay_min),
        pay_max=Decimal(pay_max),
        pay_unit=pay_unit,
        closes_on=timezone.localdate() + timedelta(days=closes_in_days),
        status=status,
        published_at=posted if status == JobStatus.PUBLISHED else None,
        required_skills=[],
    )
    return _backdated(job, posted)


def make_application(
    *,
    job: Job | None = None,
    employer=None,
    seeker=None,
    status: str = "hired",
    applied_days_ago: int = 60,
) -> Application:
    """An application made `applied_days_ago` days ago (hires start after it)."""
    application = ApplicationFactory(
        job=job or make_job(employer),
        seeker=seeker or UserFactory(role=Role.SEEKER),
        status=status,
        rejection_reason="other" if status == "rejected" else "",
        history=False,
    )
    return _backdated(application, timezone.now() - timedelta(days=applied_days_ago))


def make_pledge(
    employer: Organization,
    *,
    hires: int = 10,
    by_date=None,
    soc_codes=(DEVELOPERS, HELP_DESK),
    signed_by=None,
    made_days_ago: int = 60,
) -> Pledge:
    """A pledge made `made_days_ago` days ago (so the default hires, started 10 days ago,
    fit it) for `soc_codes` (empty: any occupation)."""
    pledge = PledgeFactory(
        employer=employer,
        hires=hires,
        by_date=by_date or timezone.localdate() + timedelta(days=180),
        signed_by=signed_by,
        occupations=Occupation.objects.filter(soc_code__in=soc_codes),
    )
    return _backdated(pledge, timezone.now() - timedelta(days=made_days_ago))


def _backdated(row, created_at):
    type(row).objects.filter(pk=row.pk).update(created_at=created_at)
    row.refresh_from_db()
    return row


def make_hire(
    employer: Organization,
    *,
    application: Application | None = None,
    external_email: str | None = None,
    external_name: str = "",
    status: str = HireStatus.REPORTED,
    soc_code: str = DEVELOPERS,
    start_days_ago: int = 10,
    wage: str = "20.00",
    wage_unit: str = "hour",
    actor=None,
    reviewer=None,
    reason: str = "The employer could not confirm the start date.",
) -> Hire:
    """A hire reported through report_hire, then decided as `status` says; a verified hire
    fills a pledge by the rule, as verify_hire does."""
    if application is None and external_email is None:
        external_email = f"hired-{uuid.uuid4().hex[:8]}@people.example"
    if application is None and not external_name:
        external_name = "Pat Example"
    hire = report_hire(
        employer=employer,
        actor=actor,
        occupation=occupation(soc_code),
        start_date=timezone.localdate() - timedelta(days=start_days_ago),
        wage=Decimal(wage),
        wage_unit=wage_unit,
        application=application,
        external_name=external_name,
        external_email=external_email or "",
    )
    if status != HireStatus.REPORTED:
        Hire.objects.filter(pk=hire.pk).update(
            status=status,
            decided_by=reviewer,
            decided_at=timezone.now(),
            rejection_reason=reason if status == HireStatus.REJECTED else "",
        )
        refill_pledges(employer_id=employer.pk)  # as verifying does
        hire.refresh_from_db()
    return hire


def training_cohort(title: str = "Python Evenings", seats: int = 100):
    """A published class of a new provider, with a teacher who can mark people completed.

    It starts today, people can still apply, and completing it is allowed (not before it starts).
    """
    cohort = published_cohort(title=title, seats=seats, days_ahead=0, deadline_days_before=0)
    teacher = member_of(cohort.program.provider, email=f"teacher-{uuid.uuid4().hex[:8]}@x.example")
    return cohort, teacher


def complete_training(seeker, cohort=None, teacher=None) -> Enrollment:
    """`seeker` applies to the class and completes it (with the credential), as in real life."""
    if cohort is None:
        cohort, teacher = training_cohort()
    enrollment = training_services.apply(seeker=seeker, cohort=cohort)
    for to in (EnrollmentStatus.ACCEPTED, EnrollmentStatus.ENROLLED):
        training_services.change_status(enrollment=enrollment, to=to, actor=teacher)
    enrollment = training_services.change_status(
        enrollment=enrollment,
        to=EnrollmentStatus.COMPLETED,
        actor=teacher,
        credential_earned=True,
        # The class started today: finishing before its last week needs a reason.
        early_reason="Passed the final exam early.",
    )
    # They finished the class a month before being hired.
    EnrollmentEvent.objects.filter(enrollment=enrollment).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    return enrollment


def another_employer(name: str = "Third Employer") -> Organization:
    return OrganizationFactory(name=name, kind=Organization.Kind.EMPLOYER)
