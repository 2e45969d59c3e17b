"""Writes for jobs: saving, sending for review, staff review, closing and expiry.

Domain events (apps/employers/signals.py), sent after commit: `job_published` when staff
approve a job (and, from receivers.py, for an employer's published jobs when the employer
is approved again), `job_closed` when a published job is closed by its employer, expires,
or goes back to review after an edit.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.accounts.models import Organization, User
from apps.accounts.selectors import team_users
from apps.accounts.services import Gated, require_can_publish
from apps.audit.models import Action
from apps.audit.services import record
from apps.core.events import send_on_commit
from apps.core.search import folded_words, refresh_vector, skill_words
from apps.notifications.services import notify

from ..models import Job, JobStatus
from ..signals import job_closed, job_published
from .pay import pay_problem


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "job"
    return f"{base}-{uuid.uuid4().hex[:6]}"


SEARCH_WEIGHTS = {"A": ["title"], "B": ["skills_text"], "C": ["description"]}


def refresh_search(job: Job) -> None:
    refresh_search_of(Job.objects.filter(pk=job.pk))


def refresh_search_of(jobs: QuerySet[Job]) -> None:
    """Rebuild the search words and documents of `jobs` (after a save, or after a skill's or
    an occupation's labels changed): a read, a bulk update and one set-based UPDATE."""
    rows = list(
        jobs.select_related("occupation")
        .prefetch_related("required_skills", "preferred_skills")
        .only("pk", "skills_text", "occupation__title_en", "occupation__title_es")
    )
    for row in rows:
        row.skills_text = folded_words(
            row.occupation.title_en,
            row.occupation.title_es,
            *skill_words([*row.required_skills.all(), *row.preferred_skills.all()]),
        )
    Job.objects.bulk_update(rows, ["skills_text"], batch_size=500)
    # updated_at moves too: what a job's card shows (its skills' labels) may have changed,
    # and cached cards are keyed by it (selectors.job_cards).
    refresh_vector(
        Job.objects.filter(pk__in=[r.pk for r in rows]),
        weighted=SEARCH_WEIGHTS,
        updated_at=timezone.now(),
    )


@transaction.atomic
def save_job(
    *, employer: Organization, data: dict, required_skills, preferred_skills, actor, job=None
) -> Job:
    if employer.kind != Organization.Kind.EMPLOYER:
        raise ValidationError(_("Only employers post jobs."))
    if job is None:
        job = Job(employer=employer, created_by=actor, slug=_unique_slug(data["title"]))
    elif job.status == JobStatus.CLOSED:
        raise ValidationError(_("A closed job cannot be edited. Post a new one instead."))
    for name, value in data.items():
        setattr(job, name, value)
    pay_errors = {
        name: problem
        for name in ("pay_min", "pay_max")
        if (problem := pay_problem(getattr(job, name), job.pay_unit))
    }
    if pay_errors:
        raise ValidationError(pay_errors)
    if job.pay_min is not None and job.pay_max is not None and job.pay_min > job.pay_max:
        raise ValidationError({"pay_max": _("The top of the pay range is below its bottom.")})
    if job.closes_on and job.closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("The closing date is in the past.")})
    was_public = job.status == JobStatus.PUBLISHED
    if was_public:
        # Changing a published job sends it back for review: it stops being public until
        # staff approve it again (then `job_published` is sent again).
        job.status = JobStatus.PENDING
        job.submitted_at = timezone.now()
    job.full_clean(exclude=["required_skills", "preferred_skills", "search_vector", "slug"])
    with transaction.atomic():
        job.save()
        job.required_skills.set(required_skills)
        job.preferred_skills.set([s for s in preferred_skills if s not in set(required_skills)])
        refresh_search(job)
        if was_public:
            send_on_commit(job_closed, sender=Job, job_id=job.pk)
    return job


def submit_job(*, job: Job) -> Job:
    require_can_publish(organization=job.employer, action=Gated.SUBMIT_JOB)
    if not job.required_skills.exists():
        raise ValidationError(_("Choose at least one required skill."))
    if job.closes_on < timezone.localdate():
        raise ValidationError(_("The closing date is in the past."))
    now = timezone.now()
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.DRAFT).update(
        status=JobStatus.PENDING, submitted_at=now, review_note="", updated_at=now
    )
    if updated != 1:
        raise ValidationError(_("Only a draft can be sent for review."), code="not_draft")
    job.refresh_from_db()
    return job


def _decide_job(*, job: Job, status: str, reviewer: User, note: str = "") -> Job:
    if status == JobStatus.PUBLISHED:
        if job.closes_on < timezone.localdate():
            raise ValidationError(
                _("This job's closing date has passed. Send it back to change the date."),
                code="expired",
            )
        require_can_publish(organization=job.employer, action=Gated.PUBLISH_JOB)
    now = timezone.now()
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.PENDING).update(
        status=status,
        review_note=note,
        reviewed_by=reviewer,
        reviewed_at=now,
        # A job keeps the date it first went live, so an edit does not make it "new".
        published_at=(
            Coalesce(F("published_at"), Value(now))
            if status == JobStatus.PUBLISHED
            else F("published_at")
        ),
        updated_at=now,
    )
    if updated != 1:
        raise ValidationError(
            _("This job is not waiting for review any more. Reload the page."),
            code="not_pending",
        )
    job.refresh_from_db()
    record(
        action=Action.JOB_PUBLISHED if status == JobStatus.PUBLISHED else Action.JOB_SENT_BACK,
        actor=reviewer,
        target=job,
        target_label=job.title,
        organization=job.employer,
    )
    if status == JobStatus.PUBLISHED:
        send_on_commit(job_published, sender=Job, job_id=job.pk)
    kind = "job_published" if status == JobStatus.PUBLISHED else "job_sent_back"
    for member in team_users(job.employer):
        notify(
            recipient=member,
            kind=kind,
            context={
                "job_title": job.title,
                "note": note,
                "url": reverse("employers:job_detail", kwargs={"pk": job.pk}),
            },
            dedupe_key=f"{kind}:{job.pk}:{member.pk}:{job.updated_at.isoformat()}",
        )
    return job


@transaction.atomic
def approve_job(*, job: Job, reviewer: User) -> Job:
    return _decide_job(job=job, status=JobStatus.PUBLISHED, reviewer=reviewer)


@transaction.atomic
def send_back_job(*, job: Job, reviewer: User, note: str) -> Job:
    note = note.strip()
    if not note:
        raise ValidationError(_("Say what the employer should change."), code="note_required")
    return _decide_job(job=job, status=JobStatus.DRAFT, reviewer=reviewer, note=note)


@transaction.atomic
def close_job(*, job: Job) -> Job:
    # The row lock tells whether the job was live (published) when it closed: only then do
    # listeners hear `job_closed`.
    was = Job.objects.select_for_update().filter(pk=job.pk).values_list("status", flat=True)
    was = was.first()
    if was is None or was == JobStatus.CLOSED:
        raise ValidationError(_("This job is already closed."), code="closed")
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.CLOSED, closed_at=now, updated_at=now)
    if was == JobStatus.PUBLISHED:
        send_on_commit(job_closed, sender=Job, job_id=job.pk)
    job.refresh_from_db()
    return job


@transaction.atomic
def expire_jobs(today=None) -> int:
    """Close published jobs past their closing date (a beat task runs this nightly)."""
    today = today or timezone.localdate()
    expired = list(
        Job.objects.select_for_update()
        .filter(status=JobStatus.PUBLISHED, closes_on__lt=today)
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    Job.objects.filter(pk__in=expired).update(
        status=JobStatus.CLOSED, closed_at=now, updated_at=now
    )
    for job_id in expired:
        send_on_commit(job_closed, sender=Job, job_id=job_id)
    return len(expired)
