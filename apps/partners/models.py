"""Referrals made by community partners, and events that organizations hold.

A referral's stage is never typed in: the `*_at` timestamps are set by `services.refresh_stages`
from the person's real records (account, profile, applications, enrollments, verified hires),
when a domain event says something changed and in a periodic sweep. See docs/partners.md.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Language, Organization
from apps.core.models import TimeStampedModel
from apps.core.privacy import shown
from apps.employers.models import Hire, Job
from apps.trainings.models import Program


class Stage(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Registered")
    PROFILE_COMPLETE = "profile_complete", _("Profile complete")
    APPLIED = "applied", _("Applied or enrolled")
    COMPLETED = "completed", _("Completed training")
    HIRED = "hired", _("Hired")


# Each stage and the timestamp that says it was reached, in order.
STAGE_FIELDS = [
    (Stage.INVITED, "created_at"),
    (Stage.REGISTERED, "registered_at"),
    (Stage.PROFILE_COMPLETE, "profile_completed_at"),
    (Stage.APPLIED, "applied_at"),
    (Stage.COMPLETED, "training_completed_at"),
    (Stage.HIRED, "hired_at"),
]


class ReferralQuerySet(models.QuerySet):
    def of_partner(self, organization):
        return self.filter(partner=organization)

    def sharing(self):
        return self.filter(consent_withdrawn_at__isnull=True)


class Referral(TimeStampedModel):
    partner = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="referrals",
        limit_choices_to={"kind": Organization.Kind.PARTNER},
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    program = models.ForeignKey(
        Program,
        verbose_name=_("toward a training program"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job = models.ForeignKey(
        Job,
        verbose_name=_("toward a job"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note for the person"), blank=True, max_length=1000)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_received",
    )
    # Derived from real records (see the module docstring); never set from a form.
    registered_at = models.DateTimeField(null=True, blank=True)
    profile_completed_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    training_completed_at = models.DateTimeField(null=True, blank=True)
    hired_at = models.DateTimeField(null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(
        "ReferralImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                "partner", Lower("email"), name="partners_one_referral_per_email"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="partners_referral_language"
            ),
        ]
        indexes = [models.Index(fields=["partner", "created_at"])]

    def __str__(self):
        return f"{self.name} <{self.email}> ← {self.partner}"

    @property
    def display_name(self) -> str:
        """The name to show: once the person erased their account, their anonymous label."""
        return shown(self.name)

    @property
    def stage(self) -> str:
        reached = Stage.INVITED
        for stage, field in STAGE_FIELDS:
            if getattr(self, field) is not None:
                reached = stage
        return reached

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    @property
    def consent_withdrawn(self) -> bool:
        return self.consent_withdrawn_at is not None


class CreditedHire(models.Model):
    """A verified hire credited to the partner whose referral of the person came first."""

    hire = models.OneToOneField(Hire, on_delete=models.CASCADE, related_name="partner_credit")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="credits")
    partner = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    start_date = models.DateField()
    credited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["partner", "start_date"])]

    def __str__(self):
        return f"{self.hire_id} → {self.partner}"


class ReferralImport(TimeStampedModel):
    """A CSV upload: previewed rows wait here until the partner confirms the import."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Waiting for your confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")

    partner = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    # [{"line": n, "name": ..., "email": ..., "language": ..., "note": ..., "errors": [...]}]
    rows = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PREVIEW)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    @property
    def valid_rows(self) -> list:
        return [row for row in self.rows if not row["errors"]]

    @property
    def invalid_rows(self) -> list:
        return [row for row in self.rows if row["errors"]]

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 100

    @property
    def finished(self) -> bool:
        return self.status == self.Status.DONE


class EventKind(models.TextChoices):
    INFO_SESSION = "info_session", _("Info session")
    HIRING_FAIR = "hiring_fair", _("Hiring fair")
    WORKSHOP = "workshop", _("Workshop")
    MEETUP = "meetup", _("Meetup")


class EventStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    SENT_BACK = "sent_back", _("Sent back for changes")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=EventStatus.PUBLISHED).filter(
            Q(organization__isnull=True) | Q(organization__status=Organization.Status.APPROVED)
        )

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())


class Event(TimeStampedModel):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of event"), max_length=16, choices=EventKind.choices)
    description = models.TextField(_("description"), max_length=4000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.PENDING
    )
    review_note = models.TextField(_("what to change"), blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="partners_event_capacity"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="partners_event_ends_after"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""), name="partners_event_has_a_place"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="partners_event_kind"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="partners_event_status"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def host_name(self) -> str:
        return self.organization.name if self.organization else "Reboot El Paso"


class RSVPStatus(models.TextChoices):
    GOING = "going", _("Going")
    WAITLIST = "waitlist", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class RSVP(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=RSVPStatus.choices, default=RSVPStatus.GOING)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="partners_one_rsvp_per_person"),
            models.CheckConstraint(
                condition=Q(status__in=RSVPStatus.values), name="partners_rsvp_status"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.event} ({self.status})"
