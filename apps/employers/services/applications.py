"""Writes for applications: applying, moving through the pipeline, withdrawing, notes.

Every status change (applying included, with old_status None) sends the domain event
`application_status_changed` after commit (apps/employers/signals.py).
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.models import Membership, Role, User
from apps.accounts.selectors import team_users
from apps.audit.models import Action
from apps.audit.services import record
from apps.core.events import send_on_commit
from apps.notifications.services import notify

from ..models import (
    APPLICATION_TRANSITIONS,
    NOTE_MAX_LENGTH,
    NOTE_TO_EMPLOYER_MAX_LENGTH,
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationStatus,
    Job,
    RejectionReason,
)
from ..signals import application_status_changed


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
        send_on_commit(
            application_status_changed,
            sender=Application,
            application_id=application.pk,
            seeker_id=seeker.pk,
            job_id=job.pk,
            old_status=None,
            new_status=ApplicationStatus.SUBMITTED.value,
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
    *, application: Application, to: str, actor: User, reason: str = "", bulk: bool = False
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
        send_on_commit(
            application_status_changed,
            sender=Application,
            application_id=application.pk,
            seeker_id=application.seeker_id,
            job_id=application.job_id,
            old_status=str(current),
            new_status=str(to),
        )
        if actor != application.seeker:
            # The employer's decision about a person: on the audit trail.
            record(
                action=Action.APPLICATION_MOVED,
                actor=actor,
                target=application,
                target_label=application.job.title,
                organization=application.job.employer,
                person=application.seeker,
                details={
                    "from": str(current),
                    "to": str(to),
                    "reason": application.rejection_reason,
                    "bulk": bulk,
                },
            )
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
            move_application(application=application, to=to, actor=actor, reason=reason, bulk=True)
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
