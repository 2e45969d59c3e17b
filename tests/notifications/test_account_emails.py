"""allauth's emails (confirmation, password reset, security notices) go through the outbox:
staff can see each one and retry it, and they go out whatever the person's email choices."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.notifications import delivery, services
from apps.notifications.models import Notification, Status, Suppression
from tests.factories import UserFactory
from tests.notifications.sink import Sink

pytestmark = pytest.mark.django_db


@pytest.fixture
def sink(settings):
    delivery.drop_smtp_connection()
    with Sink() as running:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", running.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield running.recorder
    delivery.drop_smtp_connection()


def test_a_password_reset_is_an_outbox_row_sent_in_the_accounts_language(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="es@people.example", preferred_language="es")
    # Turning account emails off, or unsubscribing, never stops a reset the person asked for.
    services.set_preference(user=user, category="account", frequency="off")
    Suppression.objects.create(email="es@people.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "ES@people.example"})
    row = Notification.objects.get()
    assert (row.kind, row.email, row.language) == ("password_reset", "es@people.example", "es")
    assert row.status == Status.SENT and row.recipient is None  # never in an inbox
    [message] = mail.outbox
    assert message.to == ["es@people.example"]
    assert message.subject == row.context["subject"]
    # The reset link is a credential: once sent, only the subject is kept.
    assert "/password/reset/key/" in message.body
    assert set(row.context) == {"subject"}


def test_sign_up_confirmation_is_recorded_with_its_own_kind(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "account_type": "seeker",
                "first_name": "Lupe",
                "last_name": "García",
                "email": "lupe@people.example",
                "password1": "Correct-Horse-Battery-9",
                "password2": "Correct-Horse-Battery-9",
            },
        )
    assert list(Notification.objects.values_list("kind", "status")) == [
        ("account_confirmation", Status.SENT)
    ]


def test_a_failed_account_email_keeps_its_body_for_a_retry_and_goes_out_as_given(sink):
    row = services.queue_rendered_email(
        kind="account_confirmation",
        email="lupe@people.example",
        language="en",
        subject="[Reboot El Paso] Please confirm your email address",
        text="Confirm: https://portal.example/accounts/confirm-email/abc/\n",
        html="<p>Confirm</p>",
        dedupe_key="account-email:1",
    )
    sink.reply = "550 5.1.1 No such user"
    assert delivery.deliver_notifications([row.pk]) == []
    row.refresh_from_db()
    assert row.status == Status.FAILED and "550" in row.last_error
    assert "confirm-email/abc" in row.context["text"]

    sink.reply = None
    assert services.retry_failed(ids=[row.pk]) == 1
    assert delivery.deliver_notifications([row.pk]) == []
    row.refresh_from_db()
    assert row.status == Status.SENT and set(row.context) == {"subject"}
    [message] = sink.messages
    assert message["Subject"] == "[Reboot El Paso] Please confirm your email address"
    assert message["Message-ID"] == f"<notification-{row.pk}@127.0.0.1>"
    assert message["List-Unsubscribe"] is None  # not a notification one can turn off
    assert "confirm-email/abc" in message.get_body(("plain",)).get_content()
    assert message.get_body(("html",)).get_content().strip() == "<p>Confirm</p>"


def test_only_caller_rendered_kinds_take_a_rendered_email():
    with pytest.raises(ValueError, match="notify"):
        services.queue_rendered_email(
            kind="invitation",
            email="a@people.example",
            language="en",
            subject="s",
            text="t",
            dedupe_key="x",
        )
