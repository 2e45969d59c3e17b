"""A job seeker's own data in matching: their job alerts (saved searches) and employers'
invitations to apply. Erasure deletes both."""

from apps.core.privacy import Erasure, ExportArchive, PrivacyPart, field_key

from .models import JobAlert, JobInvitation


def export(user, archive: ExportArchive) -> None:
    archive.section(
        "job_alerts",
        [
            {"search": alert.query, "created_at": alert.created_at}
            for alert in JobAlert.objects.filter(user=user)
        ],
    )
    archive.section(
        "invitations_to_apply",
        [
            {
                "job": invitation.job.title,
                "employer": invitation.job.employer.name,
                "status": invitation.status,
                "invited_at": invitation.created_at,
                "declined_at": invitation.declined_at,
            }
            for invitation in JobInvitation.objects.filter(seeker=user).select_related(
                "job__employer"
            )
        ],
    )
    archive.section(
        "people_you_invited_to_apply", JobInvitation.objects.filter(invited_by=user).count()
    )


def erase(erasure: Erasure) -> None:
    JobAlert.objects.filter(user=erasure.user).delete()
    JobInvitation.objects.filter(seeker=erasure.user).delete()


PART = PrivacyPart(
    app="matching",
    export=export,
    erase=erase,
    fields={
        field_key(JobAlert, "user"): "exported; deleted",
        field_key(JobInvitation, "seeker"): "exported; deleted",
        field_key(JobInvitation, "invited_by"): (
            "counted in the export; kept, pointing at the anonymous account"
        ),
    },
)
