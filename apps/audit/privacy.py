"""A person's own data in the audit trail: the decisions recorded about them. Erasure keeps
every entry and replaces the person's name with their anonymous label."""

from apps.core.privacy import Erasure, ExportArchive, PrivacyPart, field_key, shown

from . import selectors, services
from .models import AuditEntry


def export(user, archive: ExportArchive) -> None:
    # What was decided about them, when and by which organization; not which employee.
    archive.section(
        "decisions_about_you",
        [
            {
                "at": entry.created_at,
                "action": entry.action,
                "action_label": entry.get_action_display(),
                "about": shown(entry.target_label),
                "organization": entry.organization_label,
            }
            for entry in selectors.about(user.pk).iterator()
        ],
    )


def erase(erasure: Erasure) -> None:
    services.anonymize(user_id=erasure.user.pk, label=erasure.label)


PART = PrivacyPart(
    app="audit",
    export=export,
    erase=erase,
    fields={
        field_key(AuditEntry, "person"): "exported; kept, the name replaced by the anonymous label",
        field_key(AuditEntry, "actor"): "kept, the name replaced by the anonymous label",
    },
)
