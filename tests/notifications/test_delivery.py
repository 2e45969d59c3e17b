"""Delivery against a real SMTP server: claims, headers, languages, retry classification."""

import re
import smtplib
import socket
import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from apps.notifications import delivery, sendrate
from apps.notifications.models import Notification, Status
from apps.notifications.services import Message, notify_many, set_preference
from apps.notifications.tokens import read_token
from tests.factories import UserFactory
from tests.notifications.helpers import CONTEXTS, approved, invitation
from tests.notifications.sink import Sink

pytestmark = pytest.mark.django_db


@pytest.fixture
def sink_server(settings):
    delivery.drop_smtp_connection()
    with Sink() as running:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", running.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5
        yield running
    delivery.drop_smtp_connection()


@pytest.fixture
def sink(sink_server):
    return sink_server.recorder


def test_a_notification_is_sent_once_with_unsubscribe_headers(sink):
    user = UserFactory(first_name="Lupe")
    notification = approved(user)
    assert delivery.deliver_notifications([notification.pk]) == []
    notification.refresh_from_db()
    assert notification.status == Status.SENT and notification.attempts == 1
    assert notification.sent_at is not None

    [message] = sink.messages
    assert message["To"] == user.email
    assert message["Subject"] == "[Reboot El Paso] Desert Data is approved"
    assert message["Message-ID"] == f"<notification-{notification.pk}@127.0.0.1>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith(f"{django_settings.SITE_URL}/notifications/unsubscribe/")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Hello Lupe," in text and unsubscribe in text and unsubscribe in html
    # A link stored without a language (made before addresses had one) opens in the reader's.
    assert f"{django_settings.SITE_URL}/en/dashboard/" in text

    # Re-running the task for the same row never sends twice.
    assert delivery.deliver_notifications([notification.pk]) == []
    assert len(sink.messages) == 1


def test_email_speaks_the_recipients_language(sink):
    user = UserFactory(first_name="Lupe", preferred_language="es")
    delivery.deliver_notifications([approved(user).pk])
    with translation.override("es"):
        subject = gettext("%(name)s is approved") % {"name": "Desert Data"}
        greeting = gettext("Hello %(name)s,") % {"name": "Lupe"}
    [message] = sink.messages
    assert message["Subject"] == f"[Reboot El Paso] {subject}"
    assert greeting in message.get_body(("plain",)).get_content()


def _portal_links(message) -> set[str]:
    site = re.escape(django_settings.SITE_URL)
    found = set()
    for part in ("plain", "html"):
        found |= set(re.findall(site + r"(/[^\s\"<>]*)", message.get_body((part,)).get_content()))
    return found


def test_a_spanish_readers_links_open_the_spanish_pages(sink):
    """Links made in English (an employer's page, a worker) open in Spanish for a Spanish
    reader, old ones without a language too; only the one-click unsubscribe link has no
    language, by design (techhire/urls.py)."""
    user = UserFactory(first_name="Lupe", preferred_language="es")
    set_preference(user=user, category="job_matches", frequency="instant")
    site = django_settings.SITE_URL
    with translation.override("en"):
        url = reverse("employers:job", args=["help-desk-technician"])
        stop = site + reverse("matching:stop_alert", args=[uuid.uuid4()])
    assert url.startswith("/en/")
    context = {**CONTEXTS["job_alert"], "url": url, "search_url": f"{site}/jobs/?q=help"}
    notify_many([Message(user, "job_alert", "alert-1", {**context, "stop_url": stop})])
    pks = list(Notification.objects.values_list("pk", flat=True))
    assert delivery.deliver_notifications(pks) == []
    [message] = sink.messages
    links = _portal_links(message)
    unsubscribe = message["List-Unsubscribe"].strip("<> ").removeprefix(site)
    assert unsubscribe.startswith("/notifications/unsubscribe/")
    assert unsubscribe in links
    pages = links - {unsubscribe}
    assert all(link.startswith("/es/") for link in pages), pages
    assert {
        "/es/jobs/help-desk-technician/",
        "/es/jobs/?q=help",
        stop.removeprefix(site).replace("/en/", "/es/", 1),
        reverse("notifications:preferences").replace("/en/", "/es/", 1),
    } <= pages


def test_people_without_an_account_get_an_address_unsubscribe(sink):
    delivery.deliver_notifications([invitation(language="es").pk])
    [message] = sink.messages
    assert message["To"] == "new@people.example"
    assert "/notifications/unsubscribe/" in message["List-Unsubscribe"]
    assert "/notifications/preferences/" not in message.get_body(("plain",)).get_content()


def test_a_fan_out_batch_gives_each_person_their_own_greeting_and_unsubscribe_link(sink):
    people = [
        UserFactory(first_name="Begoña", preferred_language="es"),
        UserFactory(first_name="Ana & Lu", preferred_language="en"),
        UserFactory(first_name="", preferred_language="en"),
        UserFactory(first_name="Dan", preferred_language="es"),
    ]
    context = {"job_title": "Analista de datos", "url": "/employer/jobs/1/"}
    notify_many([Message(user, "job_published", f"fan-{user.pk}", context) for user in people])
    ids = list(Notification.objects.order_by("pk").values_list("pk", flat=True))
    assert delivery.deliver_notifications(ids) == []

    by_address = {str(message["To"]): message for message in sink.messages}
    assert sorted(by_address) == sorted(user.email for user in people)
    for user in people:
        message = by_address[user.email]
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        with translation.override(user.preferred_language):
            greeting = gettext("Hello %(name)s,") % {"name": user.first_name or user.email}
        assert greeting in text and escape(greeting) in html
        link = message["List-Unsubscribe"].strip().strip("<>")
        assert link in text and link in html
        token = link.rstrip("/").rsplit("/", 1)[1]
        assert read_token(token) == {"u": user.pk, "c": "account"}
        assert "Analista de datos" in message["Subject"]


@pytest.mark.parametrize("checked", [True, False])
def test_a_connection_the_server_closed_while_idle_is_replaced_before_sending(
    sink_server, settings, checked
):
    settings.NOTIFICATION_SMTP_IDLE_CHECK = 0 if checked else 3600
    user = UserFactory()
    assert delivery.deliver_notifications([approved(user, key="before").pk]) == []
    sink_server.restart()  # the server drops the worker's open connection
    later = approved(user, key="after")
    retry = delivery.deliver_notifications([later.pk])
    later.refresh_from_db()
    if checked:
        assert retry == [] and later.status == Status.SENT and later.attempts == 1
        assert len(sink_server.recorder.messages) == 2
    else:  # without the check, the dropped connection costs the message a retry
        assert retry == [later.pk] and later.status == Status.PENDING
        assert later.last_error


def test_a_4xx_reply_is_retried_later_with_backoff(sink):
    sink.reply = "441 4.4.1 No answer from host"
    notification = approved(UserFactory())
    assert delivery.deliver_notifications([notification.pk]) == [notification.pk]
    notification.refresh_from_db()
    assert notification.status == Status.PENDING and notification.attempts == 1
    assert "441" in notification.last_error
    assert notification.next_attempt_at > timezone.now()
    # Not due yet: a redelivered task claims nothing.
    assert delivery.deliver_notifications([notification.pk]) == []
    assert sink.messages == []
    # Once due, the next attempt goes through.
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now())
    sink.reply = None
    assert delivery.deliver_notifications([notification.pk]) == []
    notification.refresh_from_db()
    assert notification.status == Status.SENT and notification.attempts == 2
    assert notification.last_error == ""


def test_a_5xx_reply_fails_for_good_with_the_reason(sink):
    sink.reply = "550 5.1.1 No such user"
    notification = approved(UserFactory())
    assert delivery.deliver_notifications([notification.pk]) == []
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert "550" in notification.last_error and "No such user" in notification.last_error


def test_no_server_is_transient(settings):
    delivery.drop_smtp_connection()
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    notification = approved(UserFactory())
    assert delivery.deliver_notifications([notification.pk]) == [notification.pk]
    notification.refresh_from_db()
    assert notification.status == Status.PENDING
    assert "ConnectionRefused" in notification.last_error
    delivery.drop_smtp_connection()


def test_giving_up_after_the_last_attempt(sink, settings):
    sink.reply = "441 4.4.1 No answer from host"
    notification = approved(UserFactory())
    Notification.objects.filter(pk=notification.pk).update(
        attempts=settings.NOTIFICATION_MAX_ATTEMPTS - 1
    )
    assert delivery.deliver_notifications([notification.pk]) == []
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.last_error.startswith("gave up after 6 attempts")


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over(sink, settings):
    notification = approved(UserFactory())
    lease = timezone.timedelta(seconds=settings.NOTIFICATION_SENDING_LEASE)
    Notification.objects.filter(pk=notification.pk).update(
        status=Status.SENDING, attempts=1, claimed_at=timezone.now() - lease / 2
    )
    assert delivery.claim(Notification, [notification.pk]) == []  # its worker may be alive
    Notification.objects.filter(pk=notification.pk).update(
        claimed_at=timezone.now() - lease - timezone.timedelta(seconds=1)
    )
    delivery.deliver_notifications([notification.pk])
    notification.refresh_from_db()
    assert notification.status == Status.SENT and notification.attempts == 2
    assert len(sink.messages) == 1


def test_only_due_rows_are_claimed():
    user = UserFactory()
    rows = [approved(user, key=f"k{i}") for i in range(4)]
    Notification.objects.filter(pk=rows[1].pk).update(status=Status.SENT)
    Notification.objects.filter(pk=rows[2].pk).update(status=Status.FAILED)
    Notification.objects.filter(pk=rows[3].pk).update(status=Status.SKIPPED)
    assert delivery.claim(Notification, [r.pk for r in rows]) == [rows[0].pk]
    assert delivery.claim(Notification, [r.pk for r in rows]) == []  # already claimed


@pytest.mark.parametrize(
    "exc,transient",
    [
        (smtplib.SMTPServerDisconnected("gone"), True),
        (ConnectionRefusedError(), True),
        (TimeoutError(), True),
        (smtplib.SMTPResponseException(451, b"busy"), True),
        (smtplib.SMTPDataError(421, b"closing"), True),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (smtplib.SMTPSenderRefused(550, b"no", "a@b"), False),
        (smtplib.SMTPRecipientsRefused({"a@b": (450, b"later")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b": (550, b"unknown")}), False),
        (smtplib.SMTPAuthenticationError(535, b"bad login"), False),
        (ValueError("bad template data"), False),
    ],
)
def test_retry_classification(exc, transient):
    assert delivery.is_transient(exc) is transient


@pytest.mark.parametrize(
    "exc,throttling",
    [
        (smtplib.SMTPConnectError(421, b"too many connections"), True),
        (smtplib.SMTPSenderRefused(451, b"rate limited", "a@b"), True),
        (smtplib.SMTPRecipientsRefused({"a@b": (452, b"too many recipients")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b": (450, b"greylisted")}), True),
        (smtplib.SMTPDataError(421, b"closing"), True),
        (smtplib.SMTPResponseException(454, b"TLS not available"), True),
        (smtplib.SMTPDataError(441, b"no answer from host"), False),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (smtplib.SMTPRecipientsRefused({"a@b": (452, b"full"), "c@d": (550, b"no")}), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (ValueError("bad template data"), False),
    ],
)
def test_throttling_replies_are_told_apart(exc, throttling):
    assert delivery.is_throttling(exc) is throttling


THROTTLING = {
    "421 at DATA": ("reply", "421 4.7.0 Too many messages, closing connection"),
    "451 at DATA": ("reply", "451 4.7.1 Rate limit exceeded, slow down"),
    "451 at MAIL": ("mail_reply", "451 4.7.1 Sending rate exceeded"),
    "452 at RCPT": ("rcpt_reply", "452 4.5.3 Too many recipients this hour"),
    "450 at RCPT": ("rcpt_reply", "450 4.2.1 Greylisted, try later"),
    "454 at MAIL": ("mail_reply", "454 4.7.0 Temporary authentication failure"),
}


@pytest.mark.parametrize("where,reply", THROTTLING.values(), ids=THROTTLING.keys())
def test_a_throttling_reply_pauses_the_batch_without_counting_an_attempt(
    sink, settings, where, reply
):
    settings.NOTIFICATION_THROTTLE_PAUSE = 60
    setattr(sink, where, reply)
    user = UserFactory()
    rows = [approved(user, key=f"k{i}") for i in range(3)]
    ids = [row.pk for row in rows]
    before = timezone.now()
    assert sorted(delivery.deliver_notifications(ids)) == sorted(ids)
    # One try, then the batch stopped: nothing hammers a relay asking us to slow down.
    assert sink.transactions == 1 and sink.messages == []
    for row in Notification.objects.filter(pk__in=ids):
        assert row.status == Status.PENDING and row.attempts == 0
        assert row.next_attempt_at >= before + timezone.timedelta(seconds=59)
    assert reply.split()[0] in Notification.objects.exclude(last_error="").get().last_error

    # The pause is shared: a delivery meanwhile sends nothing and counts nothing.
    later = approved(user, key="later")
    assert delivery.deliver_notifications([later.pk]) == [later.pk]
    assert sink.transactions == 1
    later.refresh_from_db()
    assert later.status == Status.PENDING and later.attempts == 0

    # Once the relay accepts again and the pause is over, each goes exactly once.
    setattr(sink, where, None)
    sendrate.schedule().reset()
    Notification.objects.update(next_attempt_at=timezone.now())
    assert delivery.deliver_notifications([*ids, later.pk]) == []
    assert set(Notification.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}
    assert sorted(sink.message_ids().values()) == [1, 1, 1, 1]


def test_a_short_pause_is_waited_out_within_the_batch(sink, settings):
    settings.NOTIFICATION_THROTTLE_PAUSE = 1
    sink.reply, sink.replies_left = "451 4.7.1 Slow down", 1
    user = UserFactory()
    ids = [approved(user, key=f"k{i}").pk for i in range(3)]
    started = time.monotonic()
    retry = delivery.deliver_notifications(ids)
    # The throttled one waits for its retry; the other two went out after the pause.
    assert len(retry) == 1 and time.monotonic() - started >= 0.9
    assert len(sink.messages) == 2 and sink.transactions == 3
    assert Notification.objects.get(pk=retry[0]).attempts == 0


def test_the_send_rate_cap_spaces_messages(sink, settings):
    settings.NOTIFICATION_MAX_RATE = 20
    user = UserFactory()
    ids = [approved(user, key=f"k{i}").pk for i in range(11)]
    started = time.monotonic()
    assert delivery.deliver_notifications(ids) == []
    # Ten intervals of 50 ms between eleven messages.
    assert time.monotonic() - started >= 0.5
    assert len(sink.messages) == 11


def test_what_the_cap_holds_back_past_the_tasks_time_goes_back_uncounted(sink, settings):
    settings.NOTIFICATION_MAX_RATE = 1
    settings.CELERY_TASK_SOFT_TIME_LIMIT = 3  # a task may wait 1.5 s for slots
    user = UserFactory()
    ids = [approved(user, key=f"k{i}").pk for i in range(5)]
    retry = delivery.deliver_notifications(ids)
    assert len(sink.messages) == 2 and len(retry) == 3
    held = Notification.objects.filter(pk__in=retry)
    assert set(held.values_list("status", "attempts")) == {(Status.PENDING, 0)}
    assert all(row.next_attempt_at > timezone.now() for row in held)


def test_backoff_grows_and_stays_under_half_the_visibility_timeout(settings):
    delays = [delivery.backoff(n) for n in range(1, 12)]
    half = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] / 2
    assert delays[0] < delays[3]
    assert max(delays) <= settings.TASK_RETRY_BACKOFF_MAX < half
