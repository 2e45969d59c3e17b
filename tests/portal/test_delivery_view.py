"""The staff's email delivery view (the outbox's health, retrying failures)."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from apps.notifications.models import Notification, Status
from tests.notifications.helpers import approved

pytestmark = pytest.mark.django_db


def test_staff_see_delivery_health_and_retry_failures(
    client, personas, django_capture_on_commit_callbacks
):
    sent = approved(personas.seeker, key="ok")
    failed = approved(personas.other_seeker, key="bad")
    Notification.objects.filter(pk=sent.pk).update(status=Status.SENT)
    Notification.objects.filter(pk=failed.pk).update(
        status=Status.FAILED, last_error="SMTPRecipientsRefused: 550 no such user"
    )
    client.force_login(personas.staff)
    html = client.get(reverse("notifications:health")).content.decode()
    assert 'data-testid="status-failed">1<' in html
    assert 'data-testid="status-sent">1<' in html
    assert "550 no such user" in html
    # Kinds read as words, in the reader's language.
    assert "Organization approved" in html and "<code>organization_approved" not in html
    response = client.post(
        reverse("set_language"), {"language": "es", "next": reverse("notifications:health")}
    )
    with translation.override("es"):
        spanish = gettext("Organization approved")
    assert spanish != "Organization approved"
    assert spanish in client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("notifications:retry", args=[failed.pk]))
    assert response.status_code == 302
    assert len(callbacks) == 1
    failed.refresh_from_db()
    assert failed.status == Status.PENDING


def test_staff_window_rejects_nonsense_gracefully(client, personas):
    client.force_login(personas.staff)
    assert client.get(reverse("notifications:health"), {"days": "abc"}).status_code == 200
    assert client.get(reverse("notifications:health"), {"days": "100000"}).status_code == 200


def test_staff_look_up_what_was_sent_to_an_address(client, personas):
    """ "I never got my confirmation email": staff find every message to that address."""
    sent = approved(personas.seeker, key="ok")
    failed = approved(personas.seeker, key="bad")
    approved(personas.other_seeker, key="other")
    Notification.objects.filter(pk=sent.pk).update(status=Status.SENT)
    Notification.objects.filter(pk=failed.pk).update(
        status=Status.FAILED, last_error="SMTPRecipientsRefused: 550 no such user"
    )
    client.force_login(personas.staff)
    response = client.get(
        reverse("notifications:health"), {"email": personas.seeker.email.upper(), "days": "30"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index('data-testid="sent-to"') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr>") == 1 + 2  # the header and the seeker's two messages
    assert personas.other_seeker.email not in table
    assert reverse("notifications:retry", args=[failed.pk]) in table
    assert reverse("notifications:retry", args=[sent.pk]) not in table
    # Kinds read as words; the internal code is not shown anywhere.
    assert "organization_approved" not in html
    assert '<option value="30" selected>' in html


def test_a_mistyped_address_is_a_400_with_a_message(client, personas):
    client.force_login(personas.staff)
    response = client.get(reverse("notifications:health"), {"email": "not-an-address"})
    assert response.status_code == 400
    assert "usa-error-message" in response.content.decode()


def test_an_address_nothing_was_sent_to_says_so(client, personas):
    client.force_login(personas.staff)
    response = client.get(reverse("notifications:health"), {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert "Nothing was ever addressed to this email" in response.content.decode()
