"""Digests: one email per person per period, exactly once, whatever restarts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import ngettext

from apps.notifications import delivery, digests, sendrate, services
from apps.notifications.models import Digest, Notification, Status
from apps.notifications.tasks import send_digests
from tests.factories import UserFactory
from tests.notifications.helpers import approved
from tests.notifications.sink import Sink

pytestmark = pytest.mark.django_db
EL_PASO = ZoneInfo("America/Denver")


@pytest.fixture(autouse=True)
def _fresh_connection():
    delivery.drop_smtp_connection()
    yield
    delivery.drop_smtp_connection()


def daily_user(**fields):
    user = UserFactory(**fields)
    services.set_preference(user=user, category="account", frequency="daily")
    return user


def test_waiting_items_go_out_in_one_email():
    user = daily_user(first_name="Ana")
    for i in range(3):
        approved(user, key=f"n{i}")
    other = daily_user()
    approved(other, key="other")
    assert mail.outbox == []  # digest items are not sent one by one

    assert send_digests("daily") == 2
    assert Digest.objects.filter(status=Status.SENT).count() == 2
    assert Notification.objects.filter(status=Status.SENT).count() == 4
    mine = next(m for m in mail.outbox if m.to == [user.email])
    assert "3 updates" in mine.subject
    assert mine.body.count("Desert Data is approved") == 3
    assert "List-Unsubscribe" in mine.extra_headers


def test_running_twice_in_a_period_sends_nothing_twice():
    user = daily_user()
    approved(user, key="a")
    now = timezone.now()
    first = digests.collect("daily", now)
    for digest_id in first:
        delivery.deliver_digest(digest_id)
    assert len(mail.outbox) == 1
    # Beat restarts and fires again the same morning; a new item has arrived meanwhile.
    approved(user, key="b")
    assert digests.collect("daily", timezone.now()) == []
    assert Digest.objects.count() == 1 and len(mail.outbox) == 1
    late = Notification.objects.get(dedupe_key="b")
    assert late.status == Status.DIGEST and late.digest is None
    # The next day carries it.
    [next_day] = digests.collect("daily", now + timedelta(days=1))
    delivery.deliver_digest(next_day)
    assert len(mail.outbox) == 2
    late.refresh_from_db()
    assert late.status == Status.SENT


def test_a_digest_not_yet_sent_takes_late_items_and_is_sent_once():
    user = daily_user()
    approved(user, key="a")
    [digest_id] = digests.collect("daily", timezone.now())
    approved(user, key="b")
    assert digests.collect("daily", timezone.now()) == [digest_id]  # same digest, one more item
    delivery.deliver_digest(digest_id)
    delivery.deliver_digest(digest_id)  # a redelivered task
    assert len(mail.outbox) == 1
    assert Digest.objects.get().notifications.count() == 2


def test_weekly_digests_start_on_monday():
    thursday = datetime(2026, 11, 26, 7, 0, tzinfo=EL_PASO)
    assert digests.period_start("weekly", thursday).isoformat() == "2026-11-23"
    assert digests.period_start("daily", thursday).isoformat() == "2026-11-26"


def test_weekly_and_daily_items_wait_for_their_own_digest():
    user = UserFactory()
    services.set_preference(user=user, category="account", frequency="weekly")
    approved(user)
    assert send_digests("daily") == 0
    assert send_digests("weekly") == 1


def test_digest_in_spanish():
    user = daily_user(preferred_language="es")
    approved(user, key="a")
    approved(user, key="b")
    send_digests("daily")
    [message] = mail.outbox
    with translation.override("es"):
        expected = ngettext(
            "Your day on Reboot El Paso: %(counter)s update",
            "Your day on Reboot El Paso: %(counter)s updates",
            2,
        ) % {"counter": 2}
    assert expected != "Your day on Reboot El Paso: 2 updates"
    assert message.subject == f"[Reboot El Paso] {expected}"


def test_unknown_period_is_refused():
    with pytest.raises(ValueError):
        digests.collect("hourly")


def test_a_throttled_digest_waits_without_counting_an_attempt(settings):
    settings.NOTIFICATION_THROTTLE_PAUSE = 60
    user = daily_user()
    approved(user, key="n1")
    [digest_id] = digests.collect("daily")
    with Sink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        sink.recorder.rcpt_reply = "452 4.5.3 Too many recipients this hour"
        assert delivery.deliver_digest(digest_id) is True
        digest = Digest.objects.get(pk=digest_id)
        assert digest.status == Status.PENDING and digest.attempts == 0
        assert digest.next_attempt_at > timezone.now() + timedelta(seconds=59)
        assert "452" in digest.last_error

        sink.recorder.rcpt_reply = None
        sendrate.schedule().reset()
        Digest.objects.update(next_attempt_at=timezone.now())
        assert delivery.deliver_digest(digest_id) is False
        delivery.drop_smtp_connection()
    digest.refresh_from_db()
    assert (digest.status, digest.attempts) == (Status.SENT, 1)
    assert len(sink.recorder.messages) == 1
