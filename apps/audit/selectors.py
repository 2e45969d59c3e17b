"""Reading the audit trail (the staff's page and its CSV export live in portal)."""

from datetime import datetime

from django.db.models import Q, QuerySet

from .models import AuditEntry


def entries(
    *,
    person: str = "",
    organization_id: int | None = None,
    action: str = "",
    since: datetime | None = None,
    before: datetime | None = None,
) -> QuerySet[AuditEntry]:
    """Entries newest first, filtered: `person` matches the label of the person affected
    (name, email, or an erased person's key); `since` inclusive, `before` exclusive."""
    rows = AuditEntry.objects.all()
    if person:
        rows = rows.filter(Q(person_label__icontains=person))
    if organization_id:
        rows = rows.filter(organization_id=organization_id)
    if action:
        rows = rows.filter(action=action)
    if since:
        rows = rows.filter(created_at__gte=since)
    if before:
        rows = rows.filter(created_at__lt=before)
    return rows.order_by("-created_at", "-pk")


def about(user_id: int) -> QuerySet[AuditEntry]:
    """What the log holds about one account, newest first (for the person's own archive)."""
    return AuditEntry.objects.filter(person_id=user_id).order_by("-created_at", "-pk")
