"""Writes for employers: jobs and their review, applications and the pipeline, pledges,
hires and their verification. Every message goes through notify()."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.accounts.models import Membership, Organization, Role, User
from apps.accounts.selectors import team_users
from apps.core.search import refresh_vector, skill_words
from apps.notifications.services import Message, notify, notify_many
from apps.trainings.models import Enrollment, EnrollmentStatus
from apps.trainings.services import record_placement

from .models import (
    APPLICATION_TRANSITIONS,
    NOTE_MAX_LENGTH,
    NOTE_TO_EMPLOYER_MAX_LENGTH,
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationStatus,
    Hire,
    HireStatus,
    Job,
    JobStatus,
    PayUnit,
    Pledge,
    RejectionReason,
)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "job"
    return f"{base}-{uuid.uuid4().hex[:6]}"


# ---------------------------------------------------------------------------
# Pay: the limits a job's pay range and a hire's starting wage both keep to
# ---------------------------------------------------------------------------
# Per hour: at least the federal minimum wage ($7.25 since 2009; part-time tech jobs pay no
# less) and at most $500. Per year: at least $10,000 (a smaller yearly figure is almost
# always an hourly wage in the wrong unit) and at most $1,000,000.
MIN_WAGE = {PayUnit.HOUR: Decimal("7.25"), PayUnit.YEAR: Decimal("10000")}
MAX_WAGE = {PayUnit.HOUR: Decimal("500"), PayUnit.YEAR: Decimal("1000000")}


def dollars(amount: Decimal) -> str:
    """An amount as the pay messages write it: $7.25, $10,000, $1,000,000."""
    return f"${amount:,.2f}".removesuffix(".00")


def pay_problem(amount, unit: str) -> str:
    """Why `amount` per `unit` can't be real pay, or "". Forms and services both ask."""
    if amount is None or unit not in PayUnit.values:
        return ""
    if amount < MIN_WAGE[unit]:
        if unit == PayUnit.HOUR:
            return _("Enter an hourly wage of at least %(minimum)s, the federal minimum wage.") % {
                "minimum": dollars(MIN_WAGE[PayUnit.HOUR])
            }
        if amount <= MAX_WAGE[PayUnit.HOUR]:
            return _(
                "Enter a yearly salary of at least %(minimum)s. If this amount is per hour, "
                "choose “per hour”."
            ) % {"minimum": dollars(MIN_WAGE[PayUnit.YEAR])}
        return _("Enter a yearly salary of at least %(minimum)s.") % {
            "minimum": dollars(MIN_WAGE[PayUnit.YEAR])
        }
    if amount > MAX_WAGE[unit]:
        if unit == PayUnit.HOUR:
            return _(
                "Enter an hourly wage of at most %(maximum)s. For a yearly salary, "
                "choose “per year”."
            ) % {"maximum": dollars(MAX_WAGE[PayUnit.HOUR])}
        return _("Enter a yearly salary of at most %(maximum)s.") % {
            "maximum": dollars(MAX_WAGE[PayUnit.YEAR])
        }
    return ""


# ---------------------------------------------------------------------------
# Jobs
# ---------------------------------------------------------------------------
def refresh_search(job: Job) -> None:
    skills_text = skill_words([*job.required_skills.all(), *job.preferred_skills.all()])
    Job.objects.filter(pk=job.pk).update(skills_text=skills_text)
    refresh_vector(
        Job, job.pk, weighted={"A": ["title"], "B": [Value(skills_text)], "C": ["description"]}
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
    if job.status == JobStatus.PUBLISHED:
        # Changing a published job sends it back for review.
        job.status = JobStatus.PENDING
        job.submitted_at = timezone.now()
    job.full_clean(exclude=["required_skills", "preferred_skills", "search_vector", "slug"])
    job.save()
    job.required_skills.set(required_skills)
    job.preferred_skills.set([s for s in preferred_skills if s not in set(required_skills)])
    refresh_search(job)
    return job


def submit_job(*, job: Job) -> Job:
    if not job.employer.can_publish:
        raise ValidationError(
            _(
                "Your organization is waiting for approval by Workforce Solutions Borderplex. "
                "You can prepare jobs now and send them for review once approved."
            ),
            code="employer_not_approved",
        )
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
        if not job.employer.can_publish:
            raise ValidationError(_("The employer is not approved."), code="employer_pending")
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


def close_job(*, job: Job) -> Job:
    now = timezone.now()
    updated = (
        Job.objects.filter(pk=job.pk)
        .exclude(status=JobStatus.CLOSED)
        .update(status=JobStatus.CLOSED, closed_at=now, updated_at=now)
    )
    if updated != 1:
        raise ValidationError(_("This job is already closed."), code="closed")
    job.refresh_from_db()
    return job


def expire_jobs(today=None) -> int:
    """Close published jobs past their closing date (a beat task runs this nightly)."""
    today = today or timezone.localdate()
    return Job.objects.filter(status=JobStatus.PUBLISHED, closes_on__lt=today).update(
        status=JobStatus.CLOSED, closed_at=timezone.now(), updated_at=timezone.now()
    )


# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
def apply_to_job(*, seeker: User, job: Job, note: str = "") -> Application:
    if seeker.role != Role.SEEKER:
        raise ValidationError(_("Job seekers apply with their own account."))
    if not Job.objects.published().filter(pk=job.pk).exists():
        raise ValidationError(_("This job is not open for applications."), code="closed")
    if len(note) > NOTE_TO_EMPLOYER_MAX_LENGTH:
        raise ValidationError(
            _("Keep your note under %(limit)d characters.")
            % {"limit": NOTE_TO_EMPLOYER_MAX_LENGTH},
            code="note_too_long",
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                application = Application.objects.create(job=job, seeker=seeker, note=note)
        except IntegrityError as exc:
            raise ValidationError(_("You already applied to this job."), code="duplicate") from exc
        resume = getattr(getattr(seeker, "seeker_profile", None), "resume", None)
        if resume is not None:
            with resume.file.open("rb") as source:
                application.resume.save("resume.pdf", ContentFile(source.read()), save=False)
            application.resume_name = resume.original_name
            application.save(update_fields=["resume", "resume_name"])
        ApplicationEvent.objects.create(
            application=application, to_status=ApplicationStatus.SUBMITTED, actor=seeker
        )
        for member in team_users(job.employer):
            notify(
                recipient=member,
                kind="application_received",
                context={
                    "job_title": job.title,
                    "seeker_name": seeker.get_full_name() or seeker.email,
                    "url": reverse("employers:pipeline", kwargs={"pk": job.pk}),
                },
                dedupe_key=f"application-received:{application.pk}:{member.pk}",
            )
    return application


def move_application(
    *, application: Application, to: str, actor: User, reason: str = ""
) -> Application:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("job", "seeker")
            .get(pk=application.pk)
        )
        current = application.status
        is_seeker = actor.pk == application.seeker_id
        if to == ApplicationStatus.WITHDRAWN and not is_seeker:
            raise ValidationError(
                _("Only the applicant can withdraw an application."), code="not_allowed"
            )
        if (
            to != ApplicationStatus.WITHDRAWN
            and not Membership.objects.filter(
                user=actor, organization_id=application.job.employer_id
            ).exists()
        ):
            raise ValidationError(
                _("Only the employer's team moves applicants."), code="not_allowed"
            )
        if to not in APPLICATION_TRANSITIONS.get(current, set()):
            labels = dict(ApplicationStatus.choices)
            raise ValidationError(
                _("An application marked “%(current)s” cannot move to “%(to)s”.")
                % {"current": labels.get(current, current), "to": labels.get(to, to)},
                code="bad_transition",
            )
        if to == ApplicationStatus.REJECTED and reason not in RejectionReason.values:
            raise ValidationError(_("Choose the reason from the list."), code="reason_required")
        application.status = to
        application.rejection_reason = reason if to == ApplicationStatus.REJECTED else ""
        application.save(update_fields=["status", "rejection_reason", "updated_at"])
        event = ApplicationEvent.objects.create(
            application=application,
            from_status=current,
            to_status=to,
            actor=actor,
            reason=application.rejection_reason,
        )
        if actor != application.seeker:
            notify(
                recipient=application.seeker,
                kind="application_status",
                context={
                    "job_title": application.job.title,
                    "employer_name": application.job.employer.name,
                    "status": to,
                    "reason": application.rejection_reason,
                    "url": reverse("employers:my_applications"),
                },
                dedupe_key=f"application-status:{event.pk}",
            )
    return application


def bulk_move(*, applications, to: str, actor: User, reason: str = "") -> tuple[int, int]:
    """Move several applicants at once; those that can't move are left as they are."""
    if to == ApplicationStatus.REJECTED and reason not in RejectionReason.values:
        raise ValidationError(_("Choose the reason from the list."), code="reason_required")
    moved = skipped = 0
    for application in applications:
        try:
            move_application(application=application, to=to, actor=actor, reason=reason)
        except ValidationError:
            skipped += 1
        else:
            moved += 1
    return moved, skipped


def withdraw_application(*, application: Application, seeker: User) -> Application:
    if application.seeker_id != seeker.pk:
        raise ValidationError(_("This is not your application."))
    return move_application(application=application, to=ApplicationStatus.WITHDRAWN, actor=seeker)


def add_note(*, application: Application, author: User, text: str) -> ApplicationNote:
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the note first."))
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Keep notes under %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH}
        )
    return ApplicationNote.objects.create(application=application, author=author, text=text)


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------
PLEDGE_MAX_DAYS_AHEAD = 3 * 365  # a pledge is a near-term commitment: at most three years


def latest_pledge_date(today=None) -> date:
    """The furthest "by" date a pledge made today may choose."""
    return (today or timezone.localdate()) + timedelta(days=PLEDGE_MAX_DAYS_AHEAD)


def pledge_date_problem(by_date) -> str:
    """Why a pledge can't be due on `by_date` (too far ahead), or ""."""
    latest = latest_pledge_date()
    if by_date > latest:
        return _("Choose a date on or before %(date)s, at most three years from today.") % {
            "date": date_format(latest, "DATE_FORMAT")
        }
    return ""


@transaction.atomic
def save_pledge(*, employer: Organization, data: dict, occupations, signed_by: User, pledge=None):
    if employer.kind != Organization.Kind.EMPLOYER:
        raise ValidationError(_("Only employers pledge hires."), code="not_employer")
    if not employer.can_publish:
        raise ValidationError(
            _("Your organization can pledge once Workforce Solutions Borderplex approves it."),
            code="employer_not_approved",
        )
    if pledge is not None and pledge.employer_id != employer.pk:
        raise ValidationError(_("This pledge belongs to another organization."))
    occupations = list(occupations)
    if not occupations or not all(o.is_tech for o in occupations):
        raise ValidationError({"occupations": _("Choose one or more tech occupations.")})
    if pledge is not None and not pledge.is_active:
        raise ValidationError(_("This pledge has ended and can no longer be changed."))
    if data.get("by_date") and data["by_date"] < timezone.localdate():
        raise ValidationError({"by_date": _("Choose a date in the future.")})
    if data.get("by_date") and (problem := pledge_date_problem(data["by_date"])):
        raise ValidationError({"by_date": problem})
    pledge = pledge or Pledge(employer=employer)
    for name, value in data.items():
        setattr(pledge, name, value)
    pledge.signed_by = signed_by
    pledge.full_clean(exclude=["occupations"])
    pledge.save()
    pledge.occupations.set(occupations)
    return pledge


# ---------------------------------------------------------------------------
# Hires
# ---------------------------------------------------------------------------
def completed_training(seeker: User | None, start_date):
    """The last training the person completed before starting the job: the hire links to it."""
    if seeker is None:
        return None
    return (
        Enrollment.objects.filter(
            seeker=seeker,
            status=EnrollmentStatus.COMPLETED,
            events__to_status=EnrollmentStatus.COMPLETED,
            events__created_at__date__lte=start_date,
        )
        .order_by("-events__created_at")
        .first()
    )


GOAL_START = date(2016, 12, 1)  # the program's first day; the goals app will own this
MAX_DAYS_AHEAD = 60  # a hire is reported once agreed, up to two months before it starts
HIRE_UNIQUE = {
    "employers_one_hire_per_seeker",
    "employers_one_hire_per_external_person",
    "employers_one_hire_per_application",
}


def check_hire(*, start_date, wage, wage_unit: str, external: bool, external_name: str) -> None:
    """The rules every reported hire follows, whoever reports it (views, admin, seed)."""
    errors = {}
    today = timezone.localdate()
    if start_date < GOAL_START:
        errors["start_date"] = _("The program counts hires from December 1, 2016.")
    elif start_date > today + timedelta(days=MAX_DAYS_AHEAD):
        errors["start_date"] = _("Report a hire at most 60 days before it starts.")
    if wage_unit not in PayUnit.values:
        errors["wage_unit"] = _("Choose per hour or per year.")
    elif problem := pay_problem(wage, wage_unit):
        errors["wage"] = problem
    if external and not external_name.strip():
        errors["external_name"] = _("Give the person's name.")
    if errors:
        raise ValidationError(errors)


def _violated_constraint(exc: IntegrityError) -> str:
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", "") or str(exc)


def report_hire(
    *,
    employer: Organization,
    actor: User,
    occupation,
    start_date,
    wage,
    wage_unit: str,
    application: Application | None = None,
    external_name: str = "",
    external_email: str = "",
    pledge: Pledge | None = None,
) -> Hire:
    if not employer.can_publish:
        raise ValidationError(
            _(
                "Your organization can record hires once Workforce Solutions Borderplex "
                "approves it."
            ),
            code="employer_not_approved",
        )
    if application is not None:
        if application.job.employer_id != employer.pk:
            raise ValidationError(_("This application is not for one of your jobs."))
        if application.status != ApplicationStatus.HIRED:
            raise ValidationError(_("Move the applicant to “Hired” first."))
        seeker, job = application.seeker, application.job
    else:
        if not external_email:
            raise ValidationError({"external_email": _("Give the person's email address.")})
        seeker, job = None, None
    if pledge is not None and pledge.employer_id != employer.pk:
        raise ValidationError({"pledge": _("Choose one of your organization's pledges.")})
    check_hire(
        start_date=start_date,
        wage=wage,
        wage_unit=wage_unit,
        external=application is None,
        external_name=external_name,
    )
    hire = Hire(
        employer=employer,
        application=application,
        job=job,
        seeker=seeker,
        external_name=external_name,
        external_email=external_email.lower(),
        occupation=occupation,
        start_date=start_date,
        wage=wage,
        wage_unit=wage_unit,
        pledge=pledge,
        training_enrollment=completed_training(seeker, start_date),
        reported_by=actor,
    )
    hire.full_clean(
        exclude=["reported_by", "decided_by", "training_enrollment", "seeker", "job"],
        validate_constraints=False,
    )
    try:
        with transaction.atomic():
            hire.save()
    except IntegrityError as exc:
        violated = _violated_constraint(exc)
        if not any(name in violated for name in HIRE_UNIQUE) and "UNIQUE" not in violated:
            raise
        raise ValidationError(
            _(
                "A hire for this person is already reported. Each person counts once "
                "toward the goal."
            ),
            code="already_counted",
        ) from exc
    return hire


def _decide_hire(*, hire: Hire, reviewer: User, status: str, reason: str = "") -> Hire:
    with transaction.atomic():
        waiting = Hire.objects.filter(pk=hire.pk, status=HireStatus.REPORTED)
        if status == HireStatus.VERIFIED:
            # Only an approved employer's hires count: settled in the same UPDATE.
            waiting = waiting.filter(employer__status=Organization.Status.APPROVED)
        updated = waiting.update(
            status=status,
            decided_by=reviewer,
            decided_at=timezone.now(),
            rejection_reason=reason,
            updated_at=timezone.now(),
        )
        if updated != 1:
            hire.refresh_from_db(fields=["status"])
            employer = Organization.objects.get(pk=hire.employer_id)
            if hire.status == HireStatus.REPORTED and not employer.can_publish:
                raise ValidationError(
                    _(
                        "%(employer)s is not approved, so its hires can't be verified. "
                        "Approve the organization first, or don't verify the hire and say why."
                    )
                    % {"employer": employer.name},
                    code="employer_not_approved",
                )
            raise ValidationError(
                _("This hire has already been decided. Reload the page."), code="decided"
            )
        hire.refresh_from_db()
        if status == HireStatus.VERIFIED and hire.training_enrollment_id:
            record_placement(enrollment_id=hire.training_enrollment_id, placed_at=hire.decided_at)
        kind = "hire_verified" if status == HireStatus.VERIFIED else "hire_rejected"
        for member in team_users(hire.employer):
            notify(
                recipient=member,
                kind=kind,
                context={
                    "person_name": hire.person_name,
                    "reason": reason,
                    "url": reverse("employers:hires"),
                },
                dedupe_key=f"{kind}:{hire.pk}:{member.pk}",
            )
    return hire


def verify_hire(*, hire: Hire, reviewer: User) -> Hire:
    return _decide_hire(hire=hire, reviewer=reviewer, status=HireStatus.VERIFIED)


def reject_hire(*, hire: Hire, reviewer: User, reason: str) -> Hire:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason, so the employer can correct it."))
    return _decide_hire(hire=hire, reviewer=reviewer, status=HireStatus.REJECTED, reason=reason)


# ---------------------------------------------------------------------------
# Reminders (beat)
# ---------------------------------------------------------------------------
def standing_hire_exists():
    """A hire that counts (or may) for the application's person: reported or verified."""
    return Exists(
        Hire.objects.filter(seeker=OuterRef("seeker")).exclude(status=HireStatus.REJECTED)
    )


def hired_but_not_reported():
    """Applicants marked hired whose hire nobody has reported (nor anyone else, elsewhere)."""
    return Application.objects.filter(status=ApplicationStatus.HIRED).exclude(
        standing_hire_exists()
    )


def remind_unreported_outcomes(today=None) -> int:
    """Weekly: employers with hires not reported, or offers waiting two weeks. New reminders."""
    today = today or timezone.localdate()  # names the week, for the dedupe key
    stale = timezone.now() - timedelta(days=14)
    old_offers = Application.objects.filter(
        status=ApplicationStatus.OFFER, updated_at__lt=stale
    ).exclude(standing_hire_exists())
    counts: dict[int, int] = {}
    for queryset in (hired_but_not_reported(), old_offers):
        for row in queryset.values("job__employer_id").annotate(n=Count("pk")):
            counts[row["job__employer_id"]] = counts.get(row["job__employer_id"], 0) + row["n"]
    week = today.isocalendar()
    messages = [
        Message(
            recipient=membership.user,
            kind="hire_reminder",
            context={
                "count": counts[membership.organization_id],
                "url": reverse("employers:hires"),
            },
            dedupe_key=(
                f"hire-reminder:{membership.organization_id}:{membership.user_id}:"
                f"{week.year}-{week.week}"
            ),
        )
        for membership in Membership.objects.filter(organization_id__in=counts).select_related(
            "user"
        )
    ]
    return notify_many(messages)


def remind_unverified_hires(today=None) -> int:
    """Daily: tell staff about reported hires waiting more than a week. New reminders."""
    today = today or timezone.localdate()  # names the day, for the dedupe key
    cutoff = timezone.now() - timedelta(days=7)
    waiting = Hire.objects.filter(status=HireStatus.REPORTED, created_at__lt=cutoff).count()
    if not waiting:
        return 0
    return notify_many(
        [
            Message(
                recipient=staff,
                kind="hires_waiting",
                context={"count": waiting, "url": reverse("employers:hire_queue")},
                dedupe_key=f"hires-waiting:{staff.pk}:{today.isoformat()}",
            )
            for staff in User.objects.filter(role=Role.STAFF, is_active=True)
        ]
    )
