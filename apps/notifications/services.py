"""The one way the portal talks to people: `notify()`. Plus preferences and the inbox."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .kinds import DEFAULT_FREQUENCY, Category, Frequency, get_kind
from .models import Notification, Preference, Status, Suppression
from .tasks import deliver
from .tokens import InvalidToken, read_token


def frequency_for(user, category: str) -> str:
    stored = (
        Preference.objects.filter(user=user, category=category)
        .values_list("frequency", flat=True)
        .first()
    )
    return stored or DEFAULT_FREQUENCY[category]


def preferences_for(user) -> dict[str, str]:
    stored = dict(Preference.objects.filter(user=user).values_list("category", "frequency"))
    return {c: stored.get(c, DEFAULT_FREQUENCY[c]) for c in Category.values}


def _initial_status(*, frequency: str | None, suppressed: bool, active: bool) -> tuple[str, str]:
    if suppressed or not active or frequency == Frequency.OFF:
        return Status.SKIPPED, ""
    if frequency in (Frequency.DAILY, Frequency.WEEKLY):
        return Status.DIGEST, frequency
    return Status.PENDING, ""


def _is_suppressed(email: str) -> bool:
    return Suppression.objects.filter(email__iexact=email).exists()


def notify(
    *,
    kind: str,
    dedupe_key: str,
    context: dict | None = None,
    recipient=None,
    email: str = "",
    language: str = "",
) -> Notification:
    """Record a message for `recipient` (a user) or for `email` (someone without an account).

    Call it inside the transaction that made the news. The same `dedupe_key` always yields
    the same single row. Email goes out after the transaction commits, in the recipient's
    language, as their preferences for the kind's category say.
    """
    category = get_kind(kind).category
    if recipient is not None:
        email, language = recipient.email, recipient.preferred_language
        frequency, active = frequency_for(recipient, category), recipient.is_active
    else:
        if not email:
            raise ValueError("notify() needs a recipient or an email address")
        frequency, active = Frequency.INSTANT, True
    status, digest_period = _initial_status(
        frequency=frequency, suppressed=_is_suppressed(email), active=active
    )
    notification, created = Notification.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "recipient": recipient,
            "email": email,
            "language": language or settings.LANGUAGE_CODE,
            "kind": kind,
            "category": category,
            "context": context or {},
            "status": status,
            "digest_period": digest_period,
        },
    )
    if created and status == Status.PENDING:
        _enqueue_after_commit([notification.pk])
    return notification


def queue_rendered_email(
    *,
    kind: str,
    email: str,
    language: str,
    subject: str,
    text: str,
    html: str = "",
    dedupe_key: str,
) -> Notification:
    """An email its caller rendered — allauth's sign-up confirmations, password resets and
    security notices — sent through the outbox, so staff see it and can retry it.

    The person asked for it (or must know of it): it is sent whatever their email choices
    or the suppression list say, and never shows in an inbox or a digest. Its body holds
    links that act as credentials, so only the subject is kept once it is sent.
    """
    kind_ = get_kind(kind)
    if not kind_.rendered_by_caller:
        raise ValueError(f"{kind!r} is rendered from templates: use notify()")
    notification, created = Notification.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "email": email,
            "language": language or settings.LANGUAGE_CODE,
            "kind": kind,
            "category": kind_.category,
            "context": {"subject": subject, "text": text, "html": html},
            "status": Status.PENDING,
        },
    )
    if created:
        _enqueue_after_commit([notification.pk])
    return notification


@dataclass
class Message:
    """One message for `notify_many`: the fan-out path (matching, announcements)."""

    recipient: object
    kind: str
    dedupe_key: str
    context: dict = field(default_factory=dict)


def notify_many(messages: list[Message]) -> int:
    """Insert many notifications in one statement; existing dedupe keys are left alone.

    Returns how many rows were new. Delivery is enqueued in batches after commit.
    """
    if not messages:
        return 0
    users = [m.recipient for m in messages]
    stored = {
        (user_id, category): frequency
        for user_id, category, frequency in Preference.objects.filter(user__in=users).values_list(
            "user_id", "category", "frequency"
        )
    }
    suppressed = {
        e.lower()
        for e in Suppression.objects.filter(email__in=[u.email.lower() for u in users]).values_list(
            "email", flat=True
        )
    }
    rows = []
    for m in messages:
        category = get_kind(m.kind).category
        frequency = stored.get((m.recipient.pk, category), DEFAULT_FREQUENCY[category])
        status, period = _initial_status(
            frequency=frequency,
            suppressed=m.recipient.email.lower() in suppressed,
            active=m.recipient.is_active,
        )
        rows.append(
            Notification(
                recipient=m.recipient,
                email=m.recipient.email,
                language=m.recipient.preferred_language,
                kind=m.kind,
                category=category,
                context=m.context,
                dedupe_key=m.dedupe_key,
                status=status,
                digest_period=period,
            )
        )
    keys = [r.dedupe_key for r in rows]
    existing = set(
        Notification.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    new_keys = [k for k in keys if k not in existing]
    # Delivery for the rows this call created (a concurrent twin may enqueue too: the claim
    # makes the second attempt a no-op).
    new_pending = list(
        Notification.objects.filter(dedupe_key__in=new_keys, status=Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    _enqueue_after_commit(new_pending)
    return len(new_keys)


def _enqueue_after_commit(ids: list[int]) -> None:
    size = settings.NOTIFICATION_BATCH_SIZE
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        transaction.on_commit(lambda batch=batch: deliver.delay(batch))


# ---------------------------------------------------------------------------
# Preferences and unsubscribing
# ---------------------------------------------------------------------------
def set_preference(*, user, category: str, frequency: str) -> None:
    if category not in Category.values or frequency not in Frequency.values:
        raise ValueError("unknown category or frequency")
    Preference.objects.update_or_create(
        user=user, category=category, defaults={"frequency": frequency}
    )


def set_preferences(*, user, choices: dict[str, str]) -> None:
    with transaction.atomic():
        for category, frequency in choices.items():
            set_preference(user=user, category=category, frequency=frequency)


def unsubscribe(token: str) -> dict:
    """Apply a one-click unsubscribe token. Raises tokens.InvalidToken; changes nothing then.

    Returns what was turned off: {"user": user, "category": c} or {"email": address}.
    """
    payload = read_token(token)
    if payload.get("u"):
        user = get_user_model().objects.filter(pk=payload["u"]).first()
        category = payload.get("c")
        if user is None or category not in Category.values:
            raise InvalidToken("unknown user or category")
        set_preference(user=user, category=category, frequency=Frequency.OFF)
        return {"user": user, "category": category}
    email = payload["e"]
    Suppression.objects.get_or_create(email=email.lower())
    return {"email": email}


# ---------------------------------------------------------------------------
# The inbox
# ---------------------------------------------------------------------------
def mark_read(*, user, notification_id: int) -> bool:
    return bool(
        Notification.objects.filter(
            pk=notification_id, recipient=user, read_at__isnull=True
        ).update(read_at=timezone.now())
    )


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# ---------------------------------------------------------------------------
# Staff: retrying failed deliveries
# ---------------------------------------------------------------------------
def retry_failed(*, ids: list[int] | None = None) -> int:
    """Put failed notifications back in the queue; returns how many."""
    failed = Notification.objects.filter(status=Status.FAILED)
    if ids is not None:
        failed = failed.filter(pk__in=ids)
    with transaction.atomic():
        pks = list(failed.select_for_update().values_list("pk", flat=True))
        Notification.objects.filter(pk__in=pks).update(
            status=Status.PENDING, claimed_at=None, next_attempt_at=None, attempts=0
        )
        _enqueue_after_commit(pks)
    return len(pks)
