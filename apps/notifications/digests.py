"""Grouping digest notifications into one email per person per period, exactly once.

Set-based: one query finds who has waiting items, one insert creates the period's digests
(existing ones are left alone by the unique constraint), one update attaches the items.
Running it again in the same period, after a beat or worker restart, sends nothing twice:
a digest already sent is not pending, so nothing is attached to it and nothing is enqueued.
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .models import Digest, Notification, Status


def period_start(period: str, now: datetime) -> date:
    today = timezone.localdate(now)
    if period == Digest.Period.WEEKLY:
        return today - timedelta(days=today.weekday())  # the Monday of this week
    return today


@transaction.atomic
def collect(period: str, now: datetime | None = None) -> list[int]:
    """Create this period's digests and attach waiting items; return digest ids to send."""
    if period not in Digest.Period.values:
        raise ValueError(f"unknown digest period {period!r}")
    now = now or timezone.now()
    start = period_start(period, now)
    waiting = Notification.objects.filter(
        status=Status.DIGEST,
        digest__isnull=True,
        digest_period=period,
        recipient__isnull=False,
        created_at__lte=now,
    )
    user_ids = list(waiting.values_list("recipient_id", flat=True).distinct())
    if not user_ids:
        return []
    Digest.objects.bulk_create(
        [Digest(user_id=u, period=period, period_start=start) for u in user_ids],
        ignore_conflicts=True,
    )
    open_digest = Digest.objects.filter(
        user=OuterRef("recipient_id"), period=period, period_start=start, status=Status.PENDING
    ).values("pk")[:1]
    waiting.update(digest=Subquery(open_digest))
    return list(
        Digest.objects.filter(
            period=period, period_start=start, status=Status.PENDING, user_id__in=user_ids
        ).values_list("pk", flat=True)
    )
