"""A person's own data in partners: the referrals about them and their RSVPs. Erasure keeps a
referral for the partner's counts and the hire it is credited with, without the person's
name, address or note, and stops sharing their progress; upcoming seats are given up."""

from django.db.models import Q
from django.utils import timezone

from apps.accounts.privacy import erased_email
from apps.core.privacy import Erasure, ExportArchive, PrivacyPart, field_key
from apps.notifications.privacy import delete_keyed

from .models import RSVP, Event, Referral, ReferralImport, RSVPStatus
from .services.events import cancel_rsvp


def _about(user):
    """Referrals about the person: linked to the account, or sent to its address."""
    return Referral.objects.filter(Q(person=user) | Q(email__iexact=user.email))


def export(user, archive: ExportArchive) -> None:
    archive.section(
        "referrals_about_you",
        [
            {
                "partner": r.partner.name,
                "referred_at": r.created_at,
                "name_given": r.name,
                "email_given": r.email,
                "toward_program": r.program.title if r.program else "",
                "toward_job": r.job.title if r.job else "",
                "note_for_you": r.note,
                "stage": r.stage,
                "sharing_progress_with_partner": not r.consent_withdrawn,
            }
            for r in _about(user).select_related("partner", "program", "job")
        ],
    )
    archive.section(
        "event_rsvps",
        [
            {
                "event": rsvp.event.title,
                "starts_at": rsvp.event.starts_at,
                "status": rsvp.status,
                "attended": rsvp.attended,
                "at": rsvp.created_at,
            }
            for rsvp in RSVP.objects.filter(user=user).select_related("event")
        ],
    )
    archive.section(
        "your_work_for_a_partner",
        {
            "people_referred": Referral.objects.filter(referred_by=user).count(),
            "referral_files_uploaded": ReferralImport.objects.filter(uploaded_by=user).count(),
            "events_created": Event.objects.filter(created_by=user).count(),
            "events_reviewed": Event.objects.filter(reviewed_by=user).count(),
        },
    )


def erase(erasure: Erasure) -> None:
    user = erasure.user
    referrals = list(_about(user))
    now = timezone.now()
    for referral in referrals:
        referral.name = erasure.label
        referral.email = erased_email(erasure.key)
        referral.note = ""
        referral.consent_withdrawn_at = referral.consent_withdrawn_at or now
        referral.save(update_fields=["name", "email", "note", "consent_withdrawn_at"])
    # The invitation emails (to the address, with the name and the partner's note).
    delete_keyed(keys=[f"referral_invitation:{r.pk}" for r in referrals])
    _forget_in_imports(user.email)
    for rsvp in RSVP.objects.filter(
        user=user, event__ends_at__gt=now, status__in=[RSVPStatus.GOING, RSVPStatus.WAITLIST]
    ).select_related("event"):
        cancel_rsvp(event=rsvp.event, user=user)  # a freed seat goes to the waitlist


def _forget_in_imports(email: str) -> None:
    """Uploaded files keep their rows (the partner's preview and counts): the person's row
    goes. Imports are few and small; each is read in Python, on SQLite as on PostgreSQL."""
    email = email.lower()

    def theirs(row) -> bool:
        return str(row.get("email", "")).strip().lower() == email

    for batch in ReferralImport.objects.only("pk", "rows").iterator():
        if any(theirs(row) for row in batch.rows):
            batch.rows = [row for row in batch.rows if not theirs(row)]
            batch.save(update_fields=["rows"])


KEPT = "kept, pointing at the anonymous account (shown as “Erased person …”)"

PART = PrivacyPart(
    app="partners",
    export=export,
    erase=erase,
    fields={
        field_key(Referral, "person"): (
            "exported; kept for the partner's counts and credited hire: name, address and "
            "note removed, progress no longer shared"
        ),
        field_key(RSVP, "user"): (
            "exported; upcoming seats given up (the waitlist moves), past ones kept for "
            "attendance counts"
        ),
        field_key(Referral, "referred_by"): f"counted in the export; {KEPT}",
        field_key(ReferralImport, "uploaded_by"): f"counted in the export; {KEPT}",
        field_key(Event, "created_by"): f"counted in the export; {KEPT}",
        field_key(Event, "reviewed_by"): f"counted in the export; {KEPT}",
    },
)
