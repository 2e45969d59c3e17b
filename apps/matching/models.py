"""What matching stores: employers' invitations to apply, and seekers' job alerts."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Organization
from apps.employers.models import Job
from apps.skills.models import Occupation, Skill
from apps.skills.vocabulary import Schedule, WorkSetting


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    DECLINED = "declined", _("Declined")


class JobInvitation(models.Model):
    """An employer asked a discoverable seeker to apply to a job: once per person per job."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.INVITED
    )
    score = models.PositiveSmallIntegerField(default=0)
    algorithm_version = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to apply")
        verbose_name_plural = _("invitations to apply")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["job", "seeker"], name="matching_invite_once"),
            models.CheckConstraint(
                condition=Q(status__in=InvitationStatus.values), name="matching_invite_status"
            ),
        ]
        indexes = [models.Index(fields=["job", "created_at"], name="matching_invite_day")]

    def __str__(self):
        return f"{self.seeker} invited to {self.job}"


class JobAlert(models.Model):
    """A saved job search: new jobs that fit its filters are sent to its owner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts"
    )
    # The search page's address (its query string), to show and to open the search again.
    query = models.CharField(max_length=500, blank=True)
    q = models.CharField(max_length=200, blank=True)
    skill = models.ForeignKey(
        Skill, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    occupation = models.ForeignKey(
        Occupation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    work_setting = models.CharField(max_length=8, blank=True, choices=WorkSetting.choices)
    schedule = models.CharField(max_length=16, blank=True, choices=Schedule.choices)
    yearly_pay_from = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    no_degree = models.BooleanField(default=False)
    employer = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # For the one-click "stop this alert" link in every alert email.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("job alert")
        verbose_name_plural = _("job alerts")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="matching_alert_once"),
        ]

    def __str__(self):
        return f"{self.user}: ?{self.query}"
