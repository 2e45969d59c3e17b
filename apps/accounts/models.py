"""People, the organizations they represent, and how they belong to them.

Invariants are held by the database (constraints below), not by Python checks:
one account per email (case-insensitive), one organization per person, one owner
role per membership, a reason on every rejection, one open invitation per address.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.privacy import erased_label, shown


class Role(models.TextChoices):
    SEEKER = "seeker", _("Job seeker")
    EMPLOYER = "employer", _("Employer")
    PROVIDER = "provider", _("Training provider")
    PARTNER = "partner", _("Community partner")
    STAFF = "staff", _("Board staff")


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


class UserManager(DjangoUserManager):
    """Email is the login; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.STAFF)
        return self._create_user(email, password, **extra_fields)


# Where an erased account's address points: ".invalid" is reserved (RFC 2606), never delivered.
ERASED_EMAIL_DOMAIN = "erased.invalid"
ERASED_EMAIL_PREFIX = "erased-"


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.SEEKER)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("Pages and every email we send you use this language."),
    )
    # Set when the account is erased (apps/portal/privacy.py): the row stays, without name,
    # email or password, so the records that count toward the goal keep their person.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="accounts_user_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(preferred_language__in=Language.values),
                name="accounts_user_language_valid",
            ),
        ]

    def __str__(self):
        return self.email

    def get_full_name(self):
        if self.erased_at:
            return shown(erased_label(self.erased_key))
        return super().get_full_name()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    @property
    def erased_key(self) -> str:
        """An erased account's anonymous key (kept in its placeholder address), else ""."""
        if not self.erased_at:
            return ""
        return self.email.partition("@")[0].removeprefix(ERASED_EMAIL_PREFIX)

    @property
    def record_label(self) -> str:
        """How records that outlive a change of name (the audit trail) name this person:
        "Name <email>", or, once erased, the anonymous label "erased:<key>"."""
        if self.erased_at:
            return erased_label(self.erased_key)
        name = super().get_full_name()
        return f"{name} <{self.email}>" if name else self.email

    @property
    def is_board_staff(self) -> bool:
        return self.is_active and self.role == Role.STAFF


class OrganizationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Organization.Status.APPROVED)

    def pending(self):
        return self.filter(status=Organization.Status.PENDING)

    def not_approved(self):
        """Pending or rejected (named, so that the index on status serves it)."""
        return self.filter(
            status__in=[s for s in Organization.Status.values if s != Organization.Status.APPROVED]
        )

    def public(self):
        """What anonymous visitors may see: approved employers, providers and partners."""
        return self.approved().exclude(kind=Organization.Kind.BOARD)


class Organization(TimeStampedModel):
    class Kind(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        PROVIDER = "provider", _("Training provider")
        PARTNER = "partner", _("Community partner")
        BOARD = "board", _("Workforce board")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    website = models.URLField(_("website"), blank=True)
    # Only in structured data (schema.org `logo`), for search engines' job listings: pages
    # never load images from other sites (Content-Security-Policy).
    logo_url = models.URLField(
        _("logo"),
        blank=True,
        help_text=_(
            "The address of your logo image on your website, starting with https://. "
            "Search engines may show it beside your jobs."
        ),
    )
    description = models.TextField(
        _("about the organization"),
        blank=True,
        max_length=2000,
        help_text=_("A few sentences job seekers will read on your public page."),
    )
    city = models.CharField(_("city"), max_length=100, default="El Paso, TX")
    rejection_reason = models.TextField(_("reason for not approving"), blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # Kept when staff withdraw the approval: "not approved" then reads "approval withdrawn".
    approved_at = models.DateTimeField(_("last approved at"), null=True, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["employer", "provider", "partner", "board"]),
                name="accounts_org_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected"]),
                name="accounts_org_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="accounts_org_rejection_has_reason",
            ),
            models.UniqueConstraint(Lower("name"), "kind", name="accounts_org_name_kind_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "kind"]),
            # Versions cached public lists that show organizations' names and status
            # (core.fragments.data_version).
            models.Index(fields=["updated_at"], name="accounts_org_updated"),
        ]

    def __str__(self):
        return self.name

    @property
    def can_publish(self) -> bool:
        """Only approved organizations publish anything visible to others."""
        return self.status == self.Status.APPROVED

    @property
    def approval_withdrawn(self) -> bool:
        """Approved once, and staff have since withdrawn the approval."""
        return self.status == self.Status.REJECTED and self.approved_at is not None

    @property
    def member_role(self) -> str:
        """The user role that goes with membership of this kind of organization."""
        return ORG_KIND_TO_ROLE[self.kind]

    @staticmethod
    def unique_slug_for(name: str) -> str:
        base = slugify(name)[:200] or "organization"
        slug, n = base, 2
        while Organization.objects.filter(slug=slug).exists():
            slug = f"{base}-{n}"
            n += 1
        return slug


ORG_KIND_TO_ROLE = {
    Organization.Kind.EMPLOYER: Role.EMPLOYER,
    Organization.Kind.PROVIDER: Role.PROVIDER,
    Organization.Kind.PARTNER: Role.PARTNER,
    Organization.Kind.BOARD: Role.STAFF,
}
ROLE_TO_ORG_KIND = {role: kind for kind, role in ORG_KIND_TO_ROLE.items()}


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # A person represents one organization on the portal.
            models.UniqueConstraint(fields=["user"], name="accounts_membership_one_org_per_user"),
            models.CheckConstraint(
                condition=Q(role__in=["owner", "member"]), name="accounts_membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.role})"

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def open(self):
        cutoff = timezone.now() - timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
        return self.filter(accepted_at__isnull=True, created_at__gte=cutoff)


class Invitation(TimeStampedModel):
    """An owner asks a teammate, by email, to join their organization."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    language = models.CharField(
        _("language of the invitation"),
        max_length=8,
        choices=Language.choices,
        default=Language.ENGLISH,
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "organization",
                Lower("email"),
                condition=Q(accepted_at__isnull=True),
                name="accounts_invitation_one_open_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and not self.is_expired
