from django.db.models import Count
from django.db.models.functions import Lower
from django.utils import timezone

from .kinds import kind_label
from .models import Notification, Status


def inbox(user):
    return Notification.objects.filter(recipient=user).only(
        "pk", "kind", "context", "created_at", "read_at", "language"
    )


def delivery_health(days: int) -> dict:
    """Counts by status and by kind over the last `days` days, and the failed rows."""
    since = timezone.now() - timezone.timedelta(days=days)
    recent = Notification.objects.filter(created_at__gte=since)
    by_status = dict(
        recent.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    rows = recent.values("kind", "status").annotate(n=Count("pk")).order_by("kind")
    by_kind: dict[str, dict[str, int]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], {})[row["status"]] = row["n"]
    return {
        "since": since,
        "statuses": [(value, label, by_status.get(value, 0)) for value, label in Status.choices],
        "kinds": [
            (
                kind,
                kind_label(kind),
                [counts.get(value, 0) for value, _label in Status.choices],
                sum(counts.values()),
            )
            for kind, counts in sorted(by_kind.items())
        ],
        "failed": Notification.objects.filter(status=Status.FAILED).order_by("-created_at")[:100],
        "failed_total": Notification.objects.filter(status=Status.FAILED).count(),
    }


def messages_to(email: str, limit: int = 50) -> list[Notification]:
    """The latest messages addressed to `email` (any account, or none), newest first: what
    staff read when someone says an email never arrived."""
    rows = (
        Notification.objects.annotate(address=Lower("email"))
        .filter(address=email.strip().lower())
        .only("pk", "kind", "email", "status", "created_at", "sent_at", "attempts", "last_error")
        .order_by("-created_at", "-id")[:limit]
    )
    return list(rows)
