"""Training providers' programs, their dated cohorts, and who enrolls in them."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Organization
from apps.core.models import TimeStampedModel
from apps.skills.models import Occupation, Skill
from apps.skills.vocabulary import (
    PROGRAM_FORMAT_LABELS,
    PROGRAM_SCHEDULES,
    Schedule,
    WorkSetting,
    values_of,
)

# A program's format is a work setting, named as a class would be (in person, hybrid, online).
FORMAT_CHOICES = WorkSetting.choices_of(WorkSetting, PROGRAM_FORMAT_LABELS)
SCHEDULE_CHOICES = Schedule.choices_of(PROGRAM_SCHEDULES)


class TeachingLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    BILINGUAL = "bilingual", _("English and Spanish")


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class ProgramQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: published programs of approved providers (written as "not
        by an organization that is not approved", as JobQuerySet.published explains)."""
        return self.filter(status=ProgramStatus.PUBLISHED).exclude(
            provider_id__in=Organization.objects.not_approved().values("pk")
        )

    def of(self, organization):
        return self.filter(provider=organization)


class Program(TimeStampedModel):
    provider = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="programs",
        limit_choices_to={"kind": Organization.Kind.PROVIDER},
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for the catalog.")
    )
    description = models.TextField(_("what you will learn"), max_length=10000)
    skills = models.ManyToManyField(Skill, related_name="programs", verbose_name=_("skills taught"))
    occupations = models.ManyToManyField(
        Occupation, blank=True, related_name="programs", verbose_name=_("jobs it prepares for")
    )
    credential = models.CharField(
        _("credential earned"),
        max_length=200,
        blank=True,
        help_text=_('For example "CompTIA A+ certification" or "Certificate of completion".'),
    )
    total_cost = models.DecimalField(
        _("total cost (USD)"), max_digits=8, decimal_places=2, default=0
    )
    cost_after_aid = models.DecimalField(
        _("typical cost after funding (USD)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What most eligible students pay after grants and scholarships."),
    )
    wioa_eligible = models.BooleanField(_("eligible for WIOA funding"), default=False)
    scholarships = models.BooleanField(_("scholarships available"), default=False)
    payment_plan = models.BooleanField(_("payment plan available"), default=False)
    format = models.CharField(_("format"), max_length=16, choices=FORMAT_CHOICES)
    schedule = models.CharField(_("schedule"), max_length=16, choices=SCHEDULE_CHOICES)
    length_weeks = models.PositiveSmallIntegerField(_("length in weeks"))
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"))
    language = models.CharField(
        _("language of instruction"), max_length=16, choices=TeachingLanguage.choices
    )
    prerequisites = models.TextField(_("prerequisites"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # Taxonomy words (skills with aliases, occupations; both languages; folded), kept by
    # services.refresh_search for the search document (title > taxonomy > text).
    skills_text = models.TextField(blank=True, editable=False)
    # PostgreSQL full-text documents (English and Spanish; apps/core/search.py): the title
    # alone, the title with the taxonomy words, and everything; each GIN-indexed on PostgreSQL.
    title_vector = SearchVectorField(null=True, editable=False)
    head_vector = SearchVectorField(null=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(condition=Q(total_cost__gte=0), name="trainings_cost_positive"),
            models.CheckConstraint(
                condition=Q(cost_after_aid__isnull=True)
                | Q(cost_after_aid__gte=0, cost_after_aid__lte=F("total_cost")),
                name="trainings_cost_after_aid_range",
            ),
            models.CheckConstraint(
                condition=Q(format__in=WorkSetting.values), name="trainings_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(schedule__in=values_of(PROGRAM_SCHEDULES)),
                name="trainings_schedule_valid",
            ),
            models.CheckConstraint(
                condition=Q(language__in=TeachingLanguage.values), name="trainings_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProgramStatus.values), name="trainings_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(length_weeks__gte=1, hours_per_week__gte=1, hours_per_week__lte=80),
                name="trainings_length_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "provider"]),
            # Versions the cached catalog results (selectors.catalog_version).
            models.Index(fields=["updated_at"], name="trainings_program_updated"),
            # The catalog walks published programs newest first (selectors.catalog).
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="trainings_program_newest",
                condition=Q(status="published"),
            ),
            # … finds a title typed exactly (the first tier of the ranking) and sorts by title…
            models.Index(
                Lower("title"),
                F("id"),
                name="trainings_program_title",
                condition=Q(status="published"),
            ),
            # … and by cost.
            models.Index(
                F("total_cost"),
                Lower("title"),
                F("id"),
                name="trainings_program_cost",
                condition=Q(status="published"),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_free(self) -> bool:
        return self.total_cost == 0

    @property
    def fundable(self) -> bool:
        return self.wioa_eligible or self.scholarships

    @property
    def price_after_funding(self):
        return self.price_after_funding_of(self.total_cost, self.cost_after_aid)

    @staticmethod
    def price_after_funding_of(total_cost, cost_after_aid):
        """The rule of `price_after_funding`, for costs read as plain values: a free program
        costs nothing; otherwise the cost after aid when there is one."""
        if total_cost == 0:
            return total_cost
        return cost_after_aid if cost_after_aid is not None else total_cost


# Enrollment statuses that hold a seat.
SEAT_HOLDING = ("applied", "accepted", "enrolled", "completed")


class CohortQuerySet(models.QuerySet):
    def with_seats_taken(self):
        return self.annotate(
            seats_taken=Count("enrollments", filter=Q(enrollments__status__in=SEAT_HOLDING))
        )

    def upcoming(self):
        return self.filter(start_date__gte=timezone.localdate())

    def open_for_enrollment(self):
        return self.filter(enrollment_deadline__gte=timezone.localdate())


class Cohort(TimeStampedModel):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cohorts")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    enrollment_deadline = models.DateField(_("enrollment deadline"))
    seats = models.PositiveSmallIntegerField(_("seats"))
    location = models.CharField(
        _("location"), max_length=200, help_text=_('An address, a campus, or "Online".')
    )

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="trainings_cohort_dates"
            ),
            models.CheckConstraint(
                condition=Q(enrollment_deadline__lte=F("start_date")),
                name="trainings_cohort_deadline",
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=1000), name="trainings_cohort_seats"
            ),
        ]
        # Versions the cached catalog results (selectors.catalog_version).
        indexes = [models.Index(fields=["updated_at"], name="trainings_cohort_updated")]

    def __str__(self):
        return f"{self.program} · {self.start_date:%Y-%m-%d}"

    @property
    def last_week_starts(self) -> date:
        """From this day on the provider may mark people completed without giving a reason."""
        return max(self.start_date, self.end_date - timedelta(days=6))


class EnrollmentStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Who may move an enrollment where. The provider runs the roster; the seeker may withdraw.
TRANSITIONS = {
    EnrollmentStatus.APPLIED: {
        EnrollmentStatus.ACCEPTED,
        EnrollmentStatus.DECLINED,
        EnrollmentStatus.WITHDRAWN,
    },
    EnrollmentStatus.ACCEPTED: {
        EnrollmentStatus.ENROLLED,
        EnrollmentStatus.DECLINED,
        EnrollmentStatus.WITHDRAWN,
    },
    EnrollmentStatus.ENROLLED: {EnrollmentStatus.COMPLETED, EnrollmentStatus.WITHDRAWN},
    EnrollmentStatus.COMPLETED: set(),
    EnrollmentStatus.DECLINED: set(),
    EnrollmentStatus.WITHDRAWN: set(),
}


class Enrollment(TimeStampedModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrollments")
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.APPLIED,
    )
    credential_earned = models.BooleanField(_("credential earned"), null=True, blank=True)
    note = models.TextField(_("note to the provider"), blank=True, max_length=2000)
    # When staff first verified a hire of this person that followed this training (set by
    # services.record_placement, which employers' hire verification calls): the program's
    # placement outcome counts these, without trainings reading employers' rows.
    placed_at = models.DateTimeField(_("placed in a job"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "seeker"], name="trainings_enroll_once_per_cohort"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EnrollmentStatus.values), name="trainings_enroll_status"
            ),
            models.CheckConstraint(
                condition=Q(credential_earned__isnull=True) | Q(status="completed"),
                name="trainings_credential_only_when_completed",
            ),
        ]

    def __str__(self):
        return f"{self.seeker} → {self.cohort} ({self.status})"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING


class EnrollmentEvent(models.Model):
    """The history of an enrollment: who moved it where, and when."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, choices=EnrollmentStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, max_length=2000)
    # Why a provider marked someone completed before the class's last week; for staff.
    early_reason = models.TextField(_("reason for completing early"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"
