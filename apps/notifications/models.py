"""The outbox. A Notification is an inbox item for a person and the state of its email.

Email delivery: pending → sending → sent | failed, or `digest` (waits for a digest email)
or `skipped` (the person turned the category off, or the address unsubscribed).
A row is claimed for sending with a conditional UPDATE; a claim older than the lease
is considered abandoned (a killed worker) and may be claimed again.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import Category, Frequency, kind_label


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    DIGEST = "digest", _("Waiting for a digest")
    SKIPPED = "skipped", _("Not emailed")


class OutboxQuerySet(models.QuerySet):
    """What notifications and digests share: the rows a worker should deliver."""

    def due(self, now=None):
        """Pending and due (no `next_attempt_at`, or it has passed), or claimed by a worker
        so long ago (`NOTIFICATION_SENDING_LEASE`) that it must have died."""
        now = now or timezone.now()
        lease = timezone.timedelta(seconds=settings.NOTIFICATION_SENDING_LEASE)
        return self.filter(
            Q(status=Status.PENDING)
            & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            | Q(status=Status.SENDING, claimed_at__lt=now - lease)
        )


class NotificationQuerySet(OutboxQuerySet):
    def for_inbox(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # Where the email goes: the recipient's address, or a person without an account yet.
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=8, default="en")
    kind = models.CharField(_("kind"), max_length=64)
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    context = models.JSONField(_("context"), default=dict, blank=True)
    dedupe_key = models.CharField(max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # After a transient failure: not before this time (the retry's backoff).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # For status `digest`: which digest carries it (daily or weekly), chosen when created.
    digest_period = models.CharField(max_length=8, blank=True)
    digest = models.ForeignKey(
        "Digest", null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="notifications_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="notifications_category_valid"
            ),
            models.CheckConstraint(condition=~Q(email=""), name="notifications_has_address"),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="notif_status_created"),
            models.Index(
                fields=["recipient", "-created_at"],
                condition=Q(recipient__isnull=False),
                name="notif_inbox",
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True, recipient__isnull=False),
                name="notif_unread",
            ),
            # Staff look up what was sent to an address ("I never got my email").
            models.Index(Lower("email"), F("created_at").desc(), name="notif_email"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.email} ({self.status})"

    @property
    def url(self) -> str:
        return self.context.get("url", "")

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


class Preference(models.Model):
    """How a person wants each category of email. No row means the category's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    category = models.CharField(max_length=32, choices=Category.choices)
    frequency = models.CharField(max_length=16, choices=Frequency.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="notifications_pref_unique"),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="notifications_pref_category"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="notifications_pref_frequency"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.category}: {self.frequency}"


class Suppression(models.Model):
    """An address without an account that asked us to stop emailing it."""

    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="notifications_suppression_unique")
        ]

    def __str__(self):
        return self.email


class Digest(models.Model):
    """One digest email per person per period: the unique constraint makes it exactly once."""

    class Period(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    period = models.CharField(max_length=8, choices=Period.choices)
    period_start = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "period_start"], name="notifications_digest_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sending", "sent", "failed"]),
                name="notifications_digest_status",
            ),
        ]

    def __str__(self):
        return f"{self.period} digest for {self.user} from {self.period_start}"
