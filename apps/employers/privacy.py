"""A person's own data in employers: their applications (with the history they see and the
resume copy each carries) and the hires reported about them. Erasure keeps the applications
and hires (the employer's pipeline counts and the goal's count them), without the person's
content: open applications are withdrawn, their note and resume copy removed (the file from
storage too), and the employer's private notes about the person deleted."""

from apps.core.privacy import Erasure, ExportArchive, PrivacyPart, field_key
from apps.notifications.privacy import forget_names

from .models import (
    OPEN_STATUSES,
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationStatus,
    Hire,
    Job,
    Pledge,
)


def export(user, archive: ExportArchive) -> None:
    applications = (
        Application.objects.filter(seeker=user)
        .select_related("job__employer")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    rows = []
    for a in applications:
        rows.append(
            {
                "job": a.job.title,
                "employer": a.job.employer.name,
                "applied_at": a.created_at,
                "status": a.status,
                "reason_not_selected": a.rejection_reason,
                "your_note": a.note,
                "resume_sent": a.resume_name,
                "resume_file": archive.add_file(
                    folder="applications",
                    name=f"{a.pk}-{a.resume_name or 'resume.pdf'}",
                    field_file=a.resume,
                ),
                # The history as the applicant sees it (the team's notes are not shown to them).
                "history": [
                    {
                        "from": event.from_status,
                        "to": event.to_status,
                        "at": event.created_at,
                        "reason": event.reason,
                    }
                    for event in a.events.all()
                ],
            }
        )
    archive.section("applications", rows)
    archive.section(
        "hires_reported_about_you",
        [
            {
                "employer": h.employer.name,
                "job": h.job.title if h.job else "",
                "occupation": h.occupation.soc_code,
                "start_date": h.start_date,
                "starting_wage": h.wage,
                "wage_unit": h.wage_unit,
                "status": h.status,
                "reported_at": h.created_at,
            }
            for h in Hire.objects.filter(seeker=user).select_related(
                "employer", "job", "occupation"
            )
        ],
    )
    archive.section(
        "your_work_for_an_employer",
        {
            "jobs_created": Job.objects.filter(created_by=user).count(),
            "jobs_reviewed": Job.objects.filter(reviewed_by=user).count(),
            "pledges_signed": Pledge.objects.filter(signed_by=user).count(),
            "applicant_moves": ApplicationEvent.objects.filter(actor=user)
            .exclude(application__seeker=user)
            .count(),
            "notes_on_applicants": ApplicationNote.objects.filter(author=user).count(),
            "hires_reported": Hire.objects.filter(reported_by=user).count(),
            "hires_decided": Hire.objects.filter(decided_by=user).count(),
        },
    )


def erase(erasure: Erasure) -> None:
    user = erasure.user
    mine = Application.objects.filter(seeker=user)
    for application in mine.filter(status__in=OPEN_STATUSES):
        ApplicationEvent.objects.create(
            application=application,
            from_status=application.status,
            to_status=ApplicationStatus.WITHDRAWN,
            actor=user,
        )
        application.status = ApplicationStatus.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
    for application in mine.exclude(resume=""):
        erasure.delete_file(application.resume)
    mine.exclude(resume="", resume_name="", note="").update(resume="", resume_name="", note="")
    ApplicationNote.objects.filter(application__seeker=user).delete()
    hires = list(Hire.objects.filter(seeker=user).values_list("pk", flat=True))
    forget_names(
        prefixes=[f"application-received:{pk}:" for pk in mine.values_list("pk", flat=True)],
        keys=("seeker_name",),
        label=erasure.label,
    )
    forget_names(
        prefixes=[f"{kind}:{pk}:" for pk in hires for kind in ("hire_verified", "hire_rejected")],
        keys=("person_name",),
        label=erasure.label,
    )


KEPT = "kept, pointing at the anonymous account (shown as “Erased person …”)"

PART = PrivacyPart(
    app="employers",
    export=export,
    erase=erase,
    fields={
        field_key(Application, "seeker"): (
            "exported with the history they see and their resume copy; kept for the pipeline's "
            "and the goal's numbers: open ones withdrawn, note and resume copy removed, the "
            "team's private notes about them deleted"
        ),
        field_key(Hire, "seeker"): (
            "exported; kept: a verified hire still counts toward the goal, as the anonymous "
            "account (one person, counted once)"
        ),
        field_key(ApplicationEvent, "actor"): f"counted in the export; {KEPT}",
        field_key(ApplicationNote, "author"): f"counted in the export; {KEPT}",
        field_key(Job, "created_by"): f"counted in the export; {KEPT}",
        field_key(Job, "reviewed_by"): f"counted in the export; {KEPT}",
        field_key(Pledge, "signed_by"): f"counted in the export; {KEPT}",
        field_key(Hire, "reported_by"): f"counted in the export; {KEPT}",
        field_key(Hire, "decided_by"): f"counted in the export; {KEPT}",
    },
    files={field_key(Application, "resume"): "exported; deleted from storage"},
)
