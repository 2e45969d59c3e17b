"""Claiming, rendering and sending notification emails; deciding what is worth a retry.

Messages are Django's own (`EmailMultiAlternatives`: plain text and HTML), sent over one
SMTP connection per worker process, no faster than `sendrate` allows.
"""

import logging
import random
import smtplib
import socket
import time
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from apps.core.emails import absolute_url, render_email
from apps.core.i18n import localized

from . import sendrate
from .kinds import rendered_by_caller
from .models import Digest, Notification, Status
from .rendering import BatchRenderer, Rendered
from .tokens import make_token

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# Claims: a conditional UPDATE decides which worker sends a row
# ---------------------------------------------------------------------------
def claim(model, ids: list[int]) -> list[int]:
    """Mark the due rows among `ids` as being sent by this worker; return their ids.

    Rows locked by another worker are skipped, rows already sent are not due, and a row
    claimed by a worker that died (its lease ran out) is due again.
    """
    now = timezone.now()
    with transaction.atomic():
        due = model.objects.filter(pk__in=ids).due(now)
        if db_connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        claimed = list(due.values_list("pk", flat=True))
        model.objects.filter(pk__in=claimed).update(
            status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return claimed


def _finish(model, pks: list[int], **fields) -> None:
    # Only the claimant (status still `sending`) records the outcome.
    model.objects.filter(pk__in=pks, status=Status.SENDING).update(**fields)


def mark_sent(model, pk: int, **fields) -> None:
    _finish(model, [pk], status=Status.SENT, sent_at=timezone.now(), last_error="", **fields)


def mark_failed(model, pk: int, error: str) -> None:
    _finish(model, [pk], status=Status.FAILED, last_error=error[:2000])


def mark_for_retry(model, pk: int, error: str, delay: int) -> None:
    _finish(
        model,
        [pk],
        status=Status.PENDING,
        last_error=error[:2000],
        next_attempt_at=timezone.now() + timezone.timedelta(seconds=delay),
    )


def release(model, pks: list[int], *, delay: float, error: str | None = None) -> None:
    """Give claimed rows back to the queue, due in `delay` seconds, the attempt uncounted:
    the send rate or a relay's throttling held them back, nothing failed."""
    fields = {
        "status": Status.PENDING,
        "next_attempt_at": timezone.now() + timezone.timedelta(seconds=delay),
        "attempts": F("attempts") - 1,
    }
    if error is not None:
        fields["last_error"] = error[:2000]
    _finish(model, pks, **fields)


# ---------------------------------------------------------------------------
# Which errors are worth another try
# ---------------------------------------------------------------------------
# A relay asking the sender to slow down: service not available / closing the connection
# (421), mailbox busy or greylisted (450), local error or rate limit (451), insufficient
# storage or too many recipients (452), temporary authentication failure (454).
THROTTLING_CODES = frozenset({421, 450, 451, 452, 454})


def smtp_codes(exc: BaseException) -> list[int]:
    """The SMTP reply codes an exception carries. smtplib raises SMTPConnectError (the
    greeting), SMTPSenderRefused (MAIL), SMTPRecipientsRefused (RCPT, a code per address)
    and SMTPDataError (DATA); the first, second and fourth are SMTPResponseExceptions."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return [code for code, _msg in exc.recipients.values()]
    if isinstance(exc, smtplib.SMTPResponseException):
        return [exc.smtp_code]
    return []


def is_throttling(exc: BaseException) -> bool:
    """The relay refused for now because of how fast or how much we send."""
    codes = smtp_codes(exc)
    return bool(codes) and all(code in THROTTLING_CODES for code in codes)


def is_transient(exc: BaseException) -> bool:
    """4xx SMTP replies and lost connections are transient; 5xx and bad content are not."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPResponseException):
        codes = smtp_codes(exc)
        return bool(codes) and all(400 <= code < 500 for code in codes)
    return isinstance(
        exc,
        smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError | socket.timeout | OSError,
    )


def backoff(attempt: int) -> int:
    """Exponential, with jitter, capped well under the broker's visibility timeout."""
    base = settings.CELERY_TASK_DEFAULT_RETRY_DELAY * 2 ** max(attempt - 1, 0)
    return int(min(settings.TASK_RETRY_BACKOFF_MAX, base) * random.uniform(0.8, 1.0))


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------
def _domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "localhost"


def link(url: str, language: str) -> str:
    """A link in an email: a full address, to the page in the reader's language (a path was
    stored in whatever language the notification was made in)."""
    return absolute_url(localized(url, language)) if url.startswith("/") else url


class Links:
    """The portal's links that every email carries, resolved once per batch."""

    _TOKEN = "~token~"  # noqa: S105 - a placeholder in a link, not a secret

    def __init__(self):
        self._preferences = {}
        # Fixed, without a language: mail providers POST to it (techhire/urls.py).
        self._unsubscribe = absolute_url(reverse("unsubscribe", kwargs={"token": self._TOKEN}))

    def preferences(self, language: str) -> str:
        if language not in self._preferences:
            self._preferences[language] = link(reverse("notifications:preferences"), language)
        return self._preferences[language]

    def unsubscribe(self, notification: Notification) -> str:
        """A signed one-click unsubscribe link for this person and category."""
        if notification.recipient_id:
            token = make_token(user_id=notification.recipient_id, category=notification.category)
        else:
            token = make_token(email=notification.email)
        return self._unsubscribe.replace(self._TOKEN, token)


def greeting_name(user, email: str) -> str:
    """How an email greets a person: their first name, else their address."""
    return (user.first_name if user is not None else "") or email


def build_message(
    notification: Notification,
    renderer: BatchRenderer | None = None,
    links: Links | None = None,
) -> EmailMultiAlternatives:
    """The email for one notification; a batch passes one renderer and links for all."""
    if rendered_by_caller(notification.kind):
        return _caller_rendered_email(notification)
    links = links or Links()
    unsubscribe = links.unsubscribe(notification)
    language = notification.language
    context = {
        **_links_in(notification.context, language),
        "url": link(notification.context.get("url", "/"), language),
        "preferences_url": links.preferences(language),
        "has_account": notification.recipient_id is not None,
    }
    personal = {
        "name": greeting_name(notification.recipient, notification.email),
        "email": notification.email,
        "unsubscribe_url": unsubscribe,
    }
    rendered = (renderer or BatchRenderer()).render(
        notification.kind, notification.language, context, personal
    )
    return _email(
        rendered,
        to=notification.email,
        message_id=f"<notification-{notification.pk}@{_domain()}>",
        unsubscribe=unsubscribe,
    )


def _links_in(context: dict, language: str) -> dict:
    """Other links a notification carries (`…_url`, full addresses) in the reader's language."""
    return {
        key: (
            localized(value, language) if key.endswith("_url") and isinstance(value, str) else value
        )
        for key, value in context.items()
    }


def _email(rendered: Rendered, *, to, message_id, unsubscribe) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=f"[{settings.PORTAL_NAME}] {rendered.subject}",
        body=rendered.text,
        to=[to],
        headers={
            "Message-ID": message_id,
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def _caller_rendered_email(notification: Notification) -> EmailMultiAlternatives:
    """An account email allauth rendered: as it was given, no unsubscribe link."""
    content = notification.context
    message = EmailMultiAlternatives(
        subject=content["subject"],
        body=content["text"],
        to=[notification.email],
        headers={
            "Message-ID": f"<notification-{notification.pk}@{_domain()}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    if content.get("html"):
        message.attach_alternative(content["html"], "text/html")
    return message


def build_digest_message(digest: Digest, items: list[Notification]) -> EmailMultiAlternatives:
    user = digest.user
    language = user.preferred_language
    links = Links()
    unsubscribe = links.unsubscribe(items[0])
    with translation.override(language):
        entries = [
            {
                "subject": " ".join(
                    render_to_string(f"emails/{n.kind}_subject.txt", n.context).split()
                ),
                "url": link(n.context.get("url", "/"), language),
                "created_at": n.created_at,
            }
            for n in items
        ]
    rendered = Rendered(
        *render_email(
            "digest",
            {
                "name": greeting_name(user, user.email),
                "digest": digest,
                "entries": entries,
                "unsubscribe_url": unsubscribe,
                "preferences_url": links.preferences(language),
                "inbox_url": link(reverse("notifications:inbox"), language),
                "has_account": True,
            },
            language,
        )
    )
    return _email(
        rendered,
        to=user.email,
        message_id=f"<digest-{digest.pk}@{_domain()}>",
        unsubscribe=unsubscribe,
    )


# ---------------------------------------------------------------------------
# Sending over one reused SMTP connection per worker process
# ---------------------------------------------------------------------------
_smtp = None
_smtp_used_at = 0.0


def smtp_connection():
    """The worker's open connection. One left idle a while is checked with a NOOP first:
    servers close idle connections, and the next message must not pay for it with a retry.
    """
    global _smtp, _smtp_used_at
    now = time.monotonic()
    idle = now - _smtp_used_at > settings.NOTIFICATION_SMTP_IDLE_CHECK
    if _smtp is not None and idle and not _still_open(_smtp):
        drop_smtp_connection()
    if _smtp is None:
        _smtp = get_connection(fail_silently=False)
        _smtp.open()
    _smtp_used_at = now
    return _smtp


def _still_open(backend) -> bool:
    smtp = getattr(backend, "connection", None)
    if smtp is None:  # console, locmem…: nothing to keep open
        return True
    try:
        return smtp.noop()[0] == 250
    except (smtplib.SMTPException, OSError):
        return False


def drop_smtp_connection() -> None:
    global _smtp
    if _smtp is not None:
        try:
            _smtp.close()
        except Exception:  # noqa: BLE001 - closing a broken connection may fail too
            log.debug("closing a broken SMTP connection failed", exc_info=True)
    _smtp = None


def send(message: EmailMultiAlternatives) -> None:
    """One message over the worker's open connection; raises on anything but acceptance."""
    backend = smtp_connection()
    try:
        sent = backend.send_messages([message])
    except Exception:
        drop_smtp_connection()
        raise
    if sent != 1:
        raise smtplib.SMTPRecipientsRefused(
            dict.fromkeys(message.recipients(), (550, b"not accepted"))
        )


def batch_seconds() -> float:
    """How long one task may spend waiting for sending slots: half its soft time limit,
    which leaves room for the last message's SMTP exchange."""
    return settings.CELERY_TASK_SOFT_TIME_LIMIT / 2


def _wait_for_slot(deadline: float) -> sendrate.Slot:
    slot = sendrate.reserve(max_wait=max(0.0, deadline - time.monotonic()))
    if slot.granted and slot.wait > 0:
        time.sleep(slot.wait)
    return slot


def _throttled(model, pk: int, exc: BaseException) -> None:
    """A relay's throttling reply: everyone pauses; the row waits, its attempt uncounted."""
    pause = settings.NOTIFICATION_THROTTLE_PAUSE
    log.info("the relay throttles (%s); pausing %ss", exc, pause)
    sendrate.pause(pause)
    release(model, [pk], delay=pause, error=f"{exc.__class__.__name__}: {exc}")


def deliver_notifications(ids: list[int]) -> list[int]:
    """Send the due notifications among `ids`. Returns the ids to retry later."""
    claimed = claim(Notification, ids)
    if not claimed:
        return []
    retry = []
    rows = list(Notification.objects.filter(pk__in=claimed).select_related("recipient"))
    renderer, links = BatchRenderer(), Links()
    deadline = time.monotonic() + batch_seconds()
    for index, notification in enumerate(rows):
        slot = _wait_for_slot(deadline)
        if not slot.granted:
            # The cap or a relay's pause holds the rest back longer than this task may
            # run: back to the queue, due when their slot comes.
            rest = [n.pk for n in rows[index:]]
            release(Notification, rest, delay=slot.wait)
            retry += rest
            break
        _deliver_one(notification, renderer, links, retry)
    return retry


def _deliver_one(notification, renderer: BatchRenderer, links: Links, retry: list) -> None:
    try:
        send(build_message(notification, renderer, links))
    except Exception as exc:  # noqa: BLE001 - every failure is classified and recorded
        if is_throttling(exc):
            _throttled(Notification, notification.pk, exc)
            retry.append(notification.pk)
            return
        error = f"{exc.__class__.__name__}: {exc}"
        gave_up = notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
        if is_transient(exc) and not gave_up:
            mark_for_retry(Notification, notification.pk, error, backoff(notification.attempts))
            retry.append(notification.pk)
        else:
            if gave_up:
                error = f"gave up after {notification.attempts} attempts: {error}"
            log.warning("notification %s failed: %s", notification.pk, error)
            mark_failed(Notification, notification.pk, error)
    else:
        if rendered_by_caller(notification.kind):
            # Its links are credentials (confirmation, password reset): keep the subject only.
            mark_sent(
                Notification, notification.pk, context={"subject": notification.context["subject"]}
            )
        else:
            mark_sent(Notification, notification.pk)


def deliver_digest(digest_id: int) -> bool:
    """Send one digest. Returns True when it should be retried later."""
    if not claim(Digest, [digest_id]):
        return False
    digest = Digest.objects.select_related("user").get(pk=digest_id)
    items = list(digest.notifications.order_by("created_at"))
    if not items:
        mark_sent(Digest, digest.pk)
        return False
    slot = _wait_for_slot(time.monotonic() + batch_seconds())
    if not slot.granted:
        release(Digest, [digest.pk], delay=slot.wait)
        return True
    try:
        send(build_digest_message(digest, items))
    except Exception as exc:  # noqa: BLE001
        if is_throttling(exc):
            _throttled(Digest, digest.pk, exc)
            return True
        error = f"{exc.__class__.__name__}: {exc}"
        if is_transient(exc) and digest.attempts < settings.NOTIFICATION_MAX_ATTEMPTS:
            mark_for_retry(Digest, digest.pk, error, backoff(digest.attempts))
            return True
        mark_failed(Digest, digest.pk, error)
        Notification.objects.filter(digest=digest).update(status=Status.FAILED, last_error=error)
        return False
    with transaction.atomic():
        mark_sent(Digest, digest.pk)
        Notification.objects.filter(digest=digest).update(
            status=Status.SENT, sent_at=timezone.now()
        )
    return False
