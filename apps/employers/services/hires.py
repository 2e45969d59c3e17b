"""Writes for hires: reporting one, correcting it while it waits, and staff verifying or
rejecting it.

A decision sends the domain event `hire_decided` after commit (apps/employers/signals.py).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import Organization, User
from apps.accounts.selectors import team_users
from apps.accounts.services import Gated, require_can_publish
from apps.audit.models import Action
from apps.audit.services import record
from apps.core.events import send_on_commit
from apps.notifications.services import notify
from apps.trainings.models import Enrollment, EnrollmentStatus
from apps.trainings.services import record_placement

from ..models import Application, ApplicationStatus, Hire, HireStatus, PayUnit
from ..signals import hire_decided
from .pay import pay_problem
from .pledges import lock_employer, refill_pledges


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


MAX_DAYS_AHEAD = 60  # a hire is reported once agreed, up to two months before it starts
HIRE_UNIQUE = {
    "employers_one_hire_per_seeker_employer_start",
    "employers_one_hire_per_external_employer_start",
    "employers_one_hire_per_application",
}


def start_problem(start_date, *, application: Application | None = None) -> str:
    """Why `start_date` can't be right for a hire from `application`, or "": nobody starts a
    job before applying to it, nor before the job was posted. Forms and services both ask."""
    if application is None:
        return ""
    applied = timezone.localdate(application.created_at)
    job = application.job
    posted = timezone.localdate(job.published_at or job.created_at)
    if start_date < applied:
        return _(
            "Enter a start date on or after %(date)s, the day they applied. Check the date "
            "they started."
        ) % {"date": date_format(applied, "DATE_FORMAT")}
    if start_date < posted:
        return _(
            "Enter a start date on or after %(date)s, the day the job was posted. Check the "
            "date they started."
        ) % {"date": date_format(posted, "DATE_FORMAT")}
    return ""


def check_hire(
    *,
    start_date,
    wage,
    wage_unit: str,
    external: bool,
    external_name: str,
    application: Application | None = None,
) -> None:
    """The rules every reported hire follows, whoever reports it (views, admin, seed)."""
    errors = {}
    today = timezone.localdate()
    if start_date > today + timedelta(days=MAX_DAYS_AHEAD):
        errors["start_date"] = _("Report a hire at most 60 days before it starts.")
    elif problem := start_problem(start_date, application=application):
        errors["start_date"] = problem
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
) -> Hire:
    require_can_publish(organization=employer, action=Gated.REPORT_HIRE)
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
    check_hire(
        start_date=start_date,
        wage=wage,
        wage_unit=wage_unit,
        external=application is None,
        external_name=external_name,
        application=application,
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
        training_enrollment=completed_training(seeker, start_date),
        reported_by=actor,
    )
    hire.full_clean(
        exclude=["reported_by", "decided_by", "training_enrollment", "seeker", "job"],
        validate_constraints=False,
    )
    _save_once(hire)
    return hire


def _save_once(hire: Hire) -> None:
    """Save, turning a unique index's refusal into the reason (the database settles races)."""
    try:
        with transaction.atomic():
            hire.save()
    except IntegrityError as exc:
        violated = _violated_constraint(exc)
        if not any(name in violated for name in HIRE_UNIQUE) and "UNIQUE" not in violated:
            raise
        raise ValidationError(
            _(
                "This hire is already reported: your organization has a hire of this person "
                "starting on that date."
            ),
            code="already_reported",
        ) from exc


@transaction.atomic
def correct_hire(
    *,
    hire: Hire,
    employer: Organization,
    occupation,
    start_date,
    wage,
    wage_unit: str,
    external_name: str = "",
    external_email: str = "",
) -> Hire:
    """The employer corrects a hire it reported, while it still waits for verification. The
    person of a hire from an application stays the applicant."""
    hire = (
        Hire.objects.select_for_update(of=("self",))
        .select_related("application__job")
        .get(pk=hire.pk)
    )
    if hire.employer_id != employer.pk:
        raise ValidationError(_("This hire belongs to another organization."))
    if hire.status != HireStatus.REPORTED:
        raise ValidationError(
            _(
                "Workforce Solutions Borderplex has already decided on this hire, so it can no "
                "longer be changed. If it was not verified, record it again with the right "
                "details."
            ),
            code="decided",
        )
    external = hire.seeker_id is None
    if external and not external_email:
        raise ValidationError({"external_email": _("Give the person's email address.")})
    check_hire(
        start_date=start_date,
        wage=wage,
        wage_unit=wage_unit,
        external=external,
        external_name=external_name,
        application=hire.application,
    )
    hire.occupation = occupation
    hire.start_date = start_date
    hire.wage = wage
    hire.wage_unit = wage_unit
    if external:
        hire.external_name = external_name
        hire.external_email = external_email.lower()
    hire.training_enrollment = completed_training(hire.seeker, start_date)
    hire.full_clean(
        exclude=["reported_by", "decided_by", "training_enrollment", "seeker", "job"],
        validate_constraints=False,
    )
    _save_once(hire)
    return hire


def _decide_hire(*, hire: Hire, reviewer: User, status: str, reason: str = "") -> Hire:
    with transaction.atomic():
        lock_employer(hire.employer_id)  # before the hire's row: see pledges.lock_employer
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
            if hire.status == HireStatus.REPORTED:
                require_can_publish(organization=employer, action=Gated.VERIFY_HIRE)
            raise ValidationError(
                _("This hire has already been decided. Reload the page."), code="decided"
            )
        # A verified hire fills a pledge by the rule; a rejected one holds none.
        refill_pledges(employer_id=hire.employer_id)
        hire.refresh_from_db()
        record(
            action=Action.HIRE_VERIFIED if status == HireStatus.VERIFIED else Action.HIRE_REJECTED,
            actor=reviewer,
            target=hire,
            target_label=f"{hire.employer.name} · {hire.start_date.isoformat()}",
            organization=hire.employer,
            person=hire.seeker,
            person_label="" if hire.seeker_id else hire.external_name or hire.external_email,
            details={"occupation": hire.occupation.soc_code, "start_date": str(hire.start_date)},
        )
        if status == HireStatus.VERIFIED and hire.training_enrollment_id:
            record_placement(enrollment_id=hire.training_enrollment_id, placed_at=hire.decided_at)
        send_on_commit(
            hire_decided,
            sender=Hire,
            hire_id=hire.pk,
            status=str(status),
            employer_id=hire.employer_id,
        )
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
