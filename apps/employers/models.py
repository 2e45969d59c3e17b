"""Employers' jobs, the applications to them, pledges of hires, and the hires themselves.

A Hire is the unit counted toward the 400 goal: reported by an employer, verified by staff.
One standing hire per person per employer per start date — a partial unique index, not a
check in Python. (The goal counts people: goals reads verified hires.)
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, F, OrderBy, Q, Value, When
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.accounts.models import Organization
from apps.core.models import TimeStampedModel
from apps.core.storage import private_storage
from apps.skills.models import Occupation, Skill
from apps.skills.vocabulary import JOB_SCHEDULES, EmploymentType, Schedule, WorkSetting, values_of


class JobStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class PayUnit(models.TextChoices):
    HOUR = "hour", _("per hour")
    YEAR = "year", _("per year")


HOURS_PER_YEAR = 2080  # 40 hours a week, 52 weeks: how hourly pay compares to a salary


def yearly_pay(field: str):
    """A pay field as a yearly amount (hourly pay × 2,080), for filtering and sorting."""
    return Case(
        When(pay_unit=PayUnit.HOUR.value, then=F(field) * Value(HOURS_PER_YEAR)),
        default=F(field),
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
    )


YEARLY_PAY_MIN = yearly_pay("pay_min")
YEARLY_PAY_MAX = yearly_pay("pay_max")


# Ten years: asking more than this of a TechHire job is a typing mistake.
MAX_EXPERIENCE_MONTHS = 120


class JobQuerySet(models.QuerySet):
    def published(self):
        """Open to applicants: published, not past its closing date, by an approved employer.

        "Not by an organization that is not approved" rather than a join to the approved
        ones: PostgreSQL hashes the few organizations not approved once per query, instead of
        looking up every job's employer (the search reads a thousand jobs to count them)."""
        return self.filter(status=JobStatus.PUBLISHED, closes_on__gte=timezone.localdate()).exclude(
            employer_id__in=Organization.objects.not_approved().values("pk")
        )

    def of(self, organization):
        return self.filter(employer=organization)


class Job(TimeStampedModel):
    employer = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="jobs",
        limit_choices_to={"kind": Organization.Kind.EMPLOYER},
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("job title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="jobs", verbose_name=_("occupation")
    )
    description = models.TextField(_("description"), max_length=10000)
    required_skills = models.ManyToManyField(
        Skill, related_name="required_for_jobs", verbose_name=_("required skills")
    )
    preferred_skills = models.ManyToManyField(
        Skill, blank=True, related_name="preferred_for_jobs", verbose_name=_("preferred skills")
    )
    pay_min = models.DecimalField(_("pay from"), max_digits=10, decimal_places=2)
    pay_max = models.DecimalField(_("pay up to"), max_digits=10, decimal_places=2)
    pay_unit = models.CharField(_("pay unit"), max_length=8, choices=PayUnit.choices)
    work_setting = models.CharField(_("where"), max_length=8, choices=WorkSetting.choices)
    location = models.CharField(_("location"), max_length=200, default="El Paso, TX")
    # The workplace's address, when the employer gives it (job pages, structured data).
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    experience_months = models.PositiveSmallIntegerField(
        _("months of experience needed"), default=0
    )
    schedule = models.CharField(
        _("schedule"), max_length=16, choices=Schedule.choices_of(JOB_SCHEDULES)
    )
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices
    )
    openings = models.PositiveSmallIntegerField(_("openings"), default=1)
    degree_required = models.BooleanField(
        _("a college degree is required"),
        default=False,
        help_text=_("Reboot El Paso hires on skills: leave this off unless the law requires it."),
    )
    closes_on = models.DateField(_("applications close on"))
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.DRAFT
    )
    review_note = models.TextField(_("what to change"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The taxonomy words the job links to (occupation titles, skill labels and aliases, in
    # English and Spanish), folded; part of the search documents (apps/core/search.py):
    # the title alone, the title with these words, and everything (GIN-indexed, PostgreSQL).
    skills_text = models.TextField(blank=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)
    head_vector = SearchVectorField(null=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = [F("published_at").desc(nulls_last=True), "title"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__gte=0) & Q(pay_max__gte=F("pay_min")),
                name="employers_job_pay_range",
            ),
            models.CheckConstraint(
                condition=Q(openings__gte=1, openings__lte=500), name="employers_job_openings"
            ),
            models.CheckConstraint(
                condition=Q(experience_months__lte=MAX_EXPERIENCE_MONTHS),
                name="employers_job_experience",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), 10000),
                name="employers_job_description_length",
            ),
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="employers_job_status"
            ),
            models.CheckConstraint(
                condition=Q(pay_unit__in=PayUnit.values), name="employers_job_pay_unit"
            ),
            models.CheckConstraint(
                condition=Q(work_setting__in=WorkSetting.values), name="employers_job_setting"
            ),
            models.CheckConstraint(
                condition=Q(schedule__in=values_of(JOB_SCHEDULES)), name="employers_job_schedule"
            ),
            models.CheckConstraint(
                condition=Q(employment_type__in=EmploymentType.values),
                name="employers_job_employment_type",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "closes_on"]),
            models.Index(fields=["employer", "status"]),
            # The newest change and the highest id version the cached search results
            # (selectors.search_version): read from indexes, whatever the table's size.
            models.Index(fields=["updated_at"], name="employers_job_updated"),
            # The search walks published jobs newest first (selectors.job_search)…
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="employers_job_published_newest",
                condition=Q(status="published"),
            ),
            # … finds a title typed exactly (the first tier of the ranking) …
            models.Index(
                Lower("title"),
                name="employers_job_published_title",
                condition=Q(status="published"),
            ),
            # … and sorts by pay, hourly pay counted as a year of 2,080 hours.
            models.Index(
                OrderBy(YEARLY_PAY_MAX, descending=True),
                OrderBy(YEARLY_PAY_MIN, descending=True),
                F("published_at").desc(),
                F("id").desc(),
                name="employers_job_published_pay",
                condition=Q(status="published"),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == JobStatus.PUBLISHED and self.closes_on >= timezone.localdate()


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REVIEWING = "reviewing", _("Reviewing")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Not selected")
    # "la solicitud": Spanish needs the feminine here ("Retirada"), not an enrollment's word.
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")


PIPELINE = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.REVIEWING,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.OFFER,
    ApplicationStatus.HIRED,
]
OPEN_STATUSES = {"submitted", "reviewing", "interview", "offer"}
# Employers move applicants forward (or back a step) or reject; the seeker may withdraw.
APPLICATION_TRANSITIONS = {
    "submitted": {"reviewing", "interview", "rejected", "withdrawn"},
    "reviewing": {"interview", "offer", "rejected", "withdrawn"},
    "interview": {"reviewing", "offer", "rejected", "withdrawn"},
    "offer": {"interview", "hired", "rejected", "withdrawn"},
    "hired": set(),
    "rejected": set(),
    "withdrawn": set(),
}


class RejectionReason(models.TextChoices):
    SKILLS = "skills", _("Skills do not match the job yet")
    EXPERIENCE = "experience", _("More experience needed")
    FILLED = "filled", _("The position was filled")
    SCHEDULE = "schedule", _("Schedule or location does not fit")
    NO_RESPONSE = "no_response", _("We could not reach the applicant")
    OTHER = "other", _("Another reason")


NOTE_TO_EMPLOYER_MAX_LENGTH = 2000


def application_resume_path(instance, filename):
    return f"applications/{uuid.uuid4().hex}.pdf"


class Application(TimeStampedModel):
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications")
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    note = models.TextField(
        _("note to the employer"), blank=True, max_length=NOTE_TO_EMPLOYER_MAX_LENGTH
    )
    # The resume as it was when they applied (a private copy).
    resume = models.FileField(
        storage=private_storage, upload_to=application_resume_path, max_length=200, blank=True
    )
    resume_name = models.CharField(max_length=255, blank=True)
    rejection_reason = models.CharField(
        _("reason"), max_length=16, choices=RejectionReason.choices, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["job", "seeker"], name="employers_apply_once"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), NOTE_TO_EMPLOYER_MAX_LENGTH),
                name="employers_application_note_length",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="employers_application_status",
            ),
            # A reason exactly when rejected.
            models.CheckConstraint(
                condition=(Q(status="rejected") & ~Q(rejection_reason=""))
                | (~Q(status="rejected") & Q(rejection_reason="")),
                name="employers_reason_iff_rejected",
            ),
        ]
        indexes = [models.Index(fields=["job", "status"])]

    def __str__(self):
        return f"{self.seeker} → {self.job} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ApplicationEvent(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=16, choices=RejectionReason.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"


NOTE_MAX_LENGTH = 5000


class ApplicationNote(models.Model):
    """Notes the employer's team keeps on an applicant; the seeker never sees them."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), NOTE_MAX_LENGTH),
                name="employers_note_length",
            )
        ]

    def __str__(self):
        return self.text[:50]


class Pledge(TimeStampedModel):
    """An employer's public commitment to hire N people into tech occupations by a date."""

    employer = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="pledges")
    hires = models.PositiveSmallIntegerField(_("hires pledged"))
    occupations = models.ManyToManyField(
        Occupation, related_name="+", verbose_name=_("occupations")
    )
    by_date = models.DateField(_("by"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(
                condition=Q(hires__gte=1, hires__lte=1000), name="employers_pledge_hires"
            )
        ]

    def __str__(self):
        return f"{self.employer}: {self.hires} by {self.by_date}"

    @property
    def is_active(self) -> bool:
        return self.by_date >= timezone.localdate()


# Staff are warned about a hire starting this long before it was reported: possible (a late
# report), but worth a check with the employer.
IMPLAUSIBLE_START_DAYS = 120


class HireStatus(models.TextChoices):
    REPORTED = "reported", _("Reported, waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Not verified")


class Hire(TimeStampedModel):
    employer = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="hires")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="hires"
    )
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hires",
    )
    # An external candidate who never used the portal.
    external_name = models.CharField(_("name"), max_length=200, blank=True)
    external_email = models.EmailField(_("email address"), blank=True)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="hires", verbose_name=_("occupation")
    )
    start_date = models.DateField(_("start date"))
    wage = models.DecimalField(_("starting wage"), max_digits=10, decimal_places=2)
    wage_unit = models.CharField(_("wage unit"), max_length=8, choices=PayUnit.choices)
    # Derived, never chosen: the pledge a verified hire fills (services/pledges.refill_pledges).
    pledge = models.ForeignKey(
        Pledge, null=True, blank=True, on_delete=models.SET_NULL, related_name="hire_set"
    )
    # Derived when reported: the training the person completed before, for the dashboard.
    training_enrollment = models.ForeignKey(
        "trainings.Enrollment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HireStatus.choices, default=HireStatus.REPORTED
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who decided (verified or rejected) and when.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("reason"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("hire")
        verbose_name_plural = _("hires")
        constraints = [
            models.CheckConstraint(
                condition=Q(seeker__isnull=False) | ~Q(external_email=""),
                name="employers_hire_has_a_person",
            ),
            models.CheckConstraint(condition=Q(wage__gt=0), name="employers_hire_wage_positive"),
            models.CheckConstraint(
                condition=Q(status__in=HireStatus.values), name="employers_hire_status"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="employers_hire_rejection_has_reason",
            ),
            # A rejected report can be corrected and reported again; otherwise one per application.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(application__isnull=False) & ~Q(status="rejected"),
                name="employers_one_hire_per_application",
            ),
            # One standing (not rejected) hire per person per employer per start date: the same
            # hire can't be reported twice, while a later job elsewhere (or a new start with the
            # same employer) can be recorded. The goal counts people, not hires.
            models.UniqueConstraint(
                fields=["seeker", "employer", "start_date"],
                condition=Q(seeker__isnull=False) & ~Q(status="rejected"),
                name="employers_one_hire_per_seeker_employer_start",
            ),
            models.UniqueConstraint(
                Lower("external_email"),
                "employer",
                "start_date",
                condition=Q(seeker__isnull=True) & ~Q(status="rejected"),
                name="employers_one_hire_per_external_employer_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self):
        return f"{self.person_name} @ {self.employer}"

    @property
    def days_before_report(self) -> int:
        """How many days the hire started before it was reported (negative: after)."""
        return (timezone.localdate(self.created_at) - self.start_date).days

    @property
    def starts_long_before_report(self) -> bool:
        return self.days_before_report > IMPLAUSIBLE_START_DAYS

    @property
    def starts_before_application(self) -> bool:
        """Refused on new reports (services/hires.start_problem); older rows may have it.
        Reads `application`: select it with the hire."""
        application = self.application
        return application is not None and self.start_date < timezone.localdate(
            application.created_at
        )

    @property
    def person_name(self) -> str:
        if self.seeker_id:
            return self.seeker.get_full_name() or self.seeker.email
        return self.external_name or self.external_email
