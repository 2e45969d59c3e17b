"""The audit trail: who decided what about whose data, and when. Append-only.

A row is written by the service that makes the decision, in the same transaction (a decision
rolled back leaves no row). Nothing updates or deletes a row: `save()` refuses to update,
`delete()` refuses, and so do the QuerySet's `update()` and `delete()`; on PostgreSQL a
trigger (migration 0002) refuses them in the database too. The one change allowed is the
erasure of an account, which replaces that person's labels with their anonymous label
("erased:<key>"; services.anonymize), and the trigger checks that nothing else changes.

People and organizations are referred to by id without a database constraint (the log must
outlive what it names, and no cascade may touch it), and by a text label written with the
row, so the log reads the same after an organization is renamed or a person erased.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.privacy import shown

LABEL_LENGTH = 300


class Action(models.TextChoices):
    # Staff decisions on organizations, jobs and hires
    ORGANIZATION_APPROVED = "organization_approved", _("Organization approved")
    ORGANIZATION_REJECTED = "organization_rejected", _("Organization not approved")
    ORGANIZATION_WITHDRAWN = "organization_withdrawn", _("Organization's approval withdrawn")
    JOB_PUBLISHED = "job_published", _("Job published")
    JOB_SENT_BACK = "job_sent_back", _("Job sent back for changes")
    HIRE_VERIFIED = "hire_verified", _("Hire verified")
    HIRE_REJECTED = "hire_rejected", _("Hire not verified")
    # Exports of people's data
    DEMOGRAPHICS_EXPORTED = "demographics_exported", _("Demographics exported (CSV)")
    GOAL_TABLE_EXPORTED = "goal_table_exported", _("Goal table exported (CSV)")
    APPLICANTS_EXPORTED = "applicants_exported", _("Applicants exported (CSV)")
    DATA_DOWNLOADED = "data_downloaded", _("Person downloaded their own data")
    # Employers' pipeline
    APPLICATION_MOVED = "application_moved", _("Applicant moved in the pipeline")
    # Training providers' rosters (a completion verifies skills on the person's profile)
    ENROLLMENT_MOVED = "enrollment_moved", _("Enrollment moved on a class roster")
    ENROLLMENT_COMPLETED = "enrollment_completed", _("Training completed: skills verified")
    # Accounts and teams
    ACCOUNT_ERASED = "account_erased", _("Account erased")
    MEMBER_LEFT = "member_left", _("Left the organization")
    OWNER_ADDED = "owner_added", _("Teammate made an owner")


class AppendOnlyError(Exception):
    """An attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries are never updated.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Audit entries are never updated.")

    def delete(self):
        raise AppendOnlyError("Audit entries are never deleted.")

    def _anonymize(self, **labels) -> int:
        """Only for services.anonymize: replace labels with an erased person's label."""
        return super().update(**labels)


class AuditEntry(models.Model):
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("by"), max_length=LABEL_LENGTH, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    target_type = models.CharField(_("what"), max_length=40)
    target_id = models.BigIntegerField(null=True, blank=True)
    target_label = models.CharField(_("what"), max_length=LABEL_LENGTH, blank=True)
    organization_id = models.BigIntegerField(null=True, blank=True)
    organization_label = models.CharField(_("organization"), max_length=200, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person affected"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    person_label = models.CharField(_("person affected"), max_length=LABEL_LENGTH, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=Action.values), name="audit_action_valid"
            )
        ]
        indexes = [
            models.Index(fields=["person", "-created_at"], name="audit_person"),
            models.Index(fields=["organization_id", "-created_at"], name="audit_organization"),
            models.Index(fields=["action", "-created_at"], name="audit_action"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries are never updated.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries are never deleted.")

    @property
    def actor_shown(self) -> str:
        return shown(self.actor_label)

    @property
    def person_shown(self) -> str:
        return shown(self.person_label)

    @property
    def target_shown(self) -> str:
        return shown(self.target_label)
