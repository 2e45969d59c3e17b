"""Celery tasks of the outbox. Thin: they take ids and call `delivery` / `digests`."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import delivery, digests
from .models import Digest, Notification, Status

TASK = {"acks_late": True, "reject_on_worker_lost": True}


def _seconds_until(moment) -> int:
    if moment is None:
        return settings.CELERY_TASK_DEFAULT_RETRY_DELAY
    return max(1, int((moment - timezone.now()).total_seconds()))


@shared_task(name="notifications.deliver", bind=True, max_retries=None, **TASK)
def deliver(self, ids: list[int]) -> None:
    retry = delivery.deliver_notifications(ids)
    if retry:
        due = [
            d
            for d in Notification.objects.filter(pk__in=retry).values_list(
                "next_attempt_at", flat=True
            )
            if d
        ]
        raise self.retry(args=[retry], countdown=_seconds_until(min(due) if due else None))


@shared_task(name="notifications.deliver_digest", bind=True, max_retries=None, **TASK)
def deliver_digest(self, digest_id: int) -> None:
    if delivery.deliver_digest(digest_id):
        next_at = Digest.objects.filter(pk=digest_id).values_list("next_attempt_at", flat=True)[0]
        raise self.retry(countdown=_seconds_until(next_at))


@shared_task(name="notifications.send_digests", **TASK)
def send_digests(period: str) -> int:
    ids = digests.collect(period)
    for digest_id in ids:
        deliver_digest.delay(digest_id)
    return len(ids)


@shared_task(name="notifications.sweep", **TASK)
def sweep() -> int:
    """Re-enqueue what a lost broker message or a killed worker left behind."""
    now = timezone.now()
    # Fresh rows are being enqueued by the transaction that made them; leave them be.
    grace = now - timezone.timedelta(seconds=settings.NOTIFICATION_SWEEP_GRACE)
    stale = (
        Notification.objects.due(now)
        .exclude(
            status=Status.PENDING, created_at__gt=grace, attempts=0, next_attempt_at__isnull=True
        )
        .values_list("pk", flat=True)
    )
    ids = list(stale[:10_000])
    size = settings.NOTIFICATION_BATCH_SIZE
    for start in range(0, len(ids), size):
        deliver.delay(ids[start : start + size])
    for digest_id in Digest.objects.due(now).values_list("pk", flat=True):
        deliver_digest.delay(digest_id)
    return len(ids)
