"""A person's own data in trainings: their enrollments and each one's history. Erasure keeps
the enrollments (a program's numbers and the goal's count them) without the person's words:
open ones are withdrawn, notes cleared."""

from django.utils import timezone

from apps.core.privacy import Erasure, ExportArchive, PrivacyPart, field_key
from apps.notifications.privacy import forget_names

from .models import Enrollment, EnrollmentEvent, EnrollmentStatus

OPEN = (EnrollmentStatus.APPLIED, EnrollmentStatus.ACCEPTED, EnrollmentStatus.ENROLLED)


def export(user, archive: ExportArchive) -> None:
    enrollments = (
        Enrollment.objects.filter(seeker=user)
        .select_related("cohort__program__provider")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    archive.section(
        "enrollments",
        [
            {
                "program": e.cohort.program.title,
                "provider": e.cohort.program.provider.name,
                "class_starts": e.cohort.start_date,
                "class_ends": e.cohort.end_date,
                "location": e.cohort.location,
                "status": e.status,
                "credential_earned": e.credential_earned,
                "your_note": e.note,
                "applied_at": e.created_at,
                "placed_in_a_job_at": e.placed_at,
                # The history as they see it: each change, when, and the provider's note.
                "history": [
                    {
                        "from": event.from_status,
                        "to": event.to_status,
                        "at": event.created_at,
                        "note": event.note,
                    }
                    for event in e.events.all()
                ],
            }
            for e in enrollments
        ],
    )
    archive.section(
        "enrollment_changes_you_made_for_a_provider",
        EnrollmentEvent.objects.filter(actor=user).exclude(enrollment__seeker=user).count(),
    )


def erase(erasure: Erasure) -> None:
    user = erasure.user
    mine = Enrollment.objects.filter(seeker=user)
    now = timezone.now()
    for enrollment in mine.filter(status__in=OPEN):
        EnrollmentEvent.objects.create(
            enrollment=enrollment,
            from_status=enrollment.status,
            to_status=EnrollmentStatus.WITHDRAWN,
            actor=user,
        )
    mine.filter(status__in=OPEN).update(status=EnrollmentStatus.WITHDRAWN, updated_at=now)
    # Not `updated_at`: a completion without its event is dated by it (goals, partners).
    mine.exclude(note="").update(note="")
    # Words about the person in the history (the provider's notes and reasons) go too.
    EnrollmentEvent.objects.filter(enrollment__seeker=user).exclude(
        note="", early_reason=""
    ).update(note="", early_reason="")
    forget_names(
        prefixes=[f"enrollment-received:{pk}:" for pk in mine.values_list("pk", flat=True)],
        keys=("seeker_name",),
        label=erasure.label,
    )


KEPT = "kept, pointing at the anonymous account (shown as “Erased person …”)"

PART = PrivacyPart(
    app="trainings",
    export=export,
    erase=erase,
    fields={
        field_key(Enrollment, "seeker"): (
            "exported with its history; kept for the program's and the goal's numbers, open "
            "ones withdrawn, notes cleared"
        ),
        field_key(EnrollmentEvent, "actor"): f"counted in the export; {KEPT}",
    },
)
