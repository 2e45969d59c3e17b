"""What matching stores: employers' invitations to apply, seekers' job alerts, and its index
of open jobs by skill."""

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


class OpenJobSkill(models.Model):
    """Matching's index of open jobs by skill: one row per open job and skill it names, with
    what the score needs to know about the job, so a seeker's best jobs come from one index
    range scan per skill they hold (sql.jobs_for_seeker_sql), never from every job.

    Derived from employers' jobs, written only by `services.index_open_jobs`: a job's rows
    are (re)written when it is published (`job_published`), removed when it closes
    (`job_closed`), and the whole index is rebuilt nightly (`matching.reindex_open_jobs`), so
    a missed event lasts a day at most. Readers still check the closing date and the
    employer's approval, and load the jobs they show through `Job.objects.published()`.
    """

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+", db_index=False)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+", db_index=False)
    # Required (True) or only preferred (a skill a job both requires and prefers is required).
    required = models.BooleanField()
    # The job's facts, repeated on each of its rows: the score reads nothing else.
    required_count = models.PositiveSmallIntegerField()
    preferred_count = models.PositiveSmallIntegerField()
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    employer = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    work_setting_bit = models.PositiveSmallIntegerField()
    schedule_bit = models.PositiveSmallIntegerField()
    closes_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "skill"], name="matching_open_job_skill_once"),
        ]
        indexes = [
            # Covering on PostgreSQL: the scoring reads the index only (SQLite: on skill).
            models.Index(
                fields=["skill"],
                include=[
                    "job",
                    "required",
                    "required_count",
                    "preferred_count",
                    "occupation",
                    "employer",
                    "work_setting_bit",
                    "schedule_bit",
                    "closes_on",
                ],
                name="matching_open_jobs_by_skill",
            ),
        ]

    def __str__(self):
        return f"job {self.job_id} · skill {self.skill_id}"
