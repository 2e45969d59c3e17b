"""A session left open on a shared computer must not hand a person's data over: the
download of "Your data" (and deleting an account that has no password) asks the person to
confirm it is them first, through allauth's reauthentication (password, emailed code or
authenticator code), unless they did in the last few minutes."""

import io
import json
import zipfile
from urllib.parse import urlencode

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from apps.audit.models import Action, AuditEntry
from apps.core.i18n import localized
from tests.accounts.test_mfa import current_code
from tests.factories import PASSWORD, UserFactory, staff_user

pytestmark = pytest.mark.django_db


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def zip_of(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("data.json"))


def test_without_a_recent_confirmation_the_download_asks_first_and_serves_nothing(client, personas):
    client.force_login(personas.seeker)  # signed in, never confirmed
    download = reverse("privacy_download")
    response = client.post(download)
    assert response.status_code == 302
    assert response["Location"] == with_next("account_reauthenticate", download)
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEntry.objects.filter(action=Action.DATA_DOWNLOADED).exists()


def test_the_page_offers_to_confirm_first_and_comes_back_to_download(client, personas):
    client.force_login(personas.seeker)
    page_url = reverse("privacy_export")
    html = client.get(page_url).content.decode()
    confirm_url = with_next("account_reauthenticate", page_url)
    assert 'data-testid="confirm-to-download"' in html
    assert f'href="{confirm_url.replace("&", "&amp;")}"' in html
    assert 'data-testid="download-my-data"' not in html

    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == page_url  # back where they were
    html = client.get(page_url).content.decode()
    assert 'data-testid="download-my-data"' in html
    data = zip_of(client.post(reverse("privacy_download")))
    assert data["account"]["email"] == personas.seeker.email
    assert AuditEntry.objects.filter(action=Action.DATA_DOWNLOADED).count() == 1


def test_after_confirming_the_download_that_was_sent_is_served(client, personas):
    """The window ran out on the page: allauth keeps the POST, asks, then answers it."""
    client.force_login(personas.seeker)
    response = client.post(reverse("privacy_download"))
    confirm_url = response["Location"]
    wrong = client.post(confirm_url, {"password": "not my password"})
    assert wrong.status_code == 400
    assert wrong["Content-Type"].startswith("text/html")
    assert not AuditEntry.objects.filter(action=Action.DATA_DOWNLOADED).exists()
    data = zip_of(client.post(confirm_url, {"password": PASSWORD}))
    assert data["account"]["email"] == personas.seeker.email
    assert AuditEntry.objects.filter(action=Action.DATA_DOWNLOADED).count() == 1


def test_a_confirmation_lasts_a_few_minutes(client, personas, settings):
    client.force_login(personas.seeker)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert settings.ACCOUNT_REAUTHENTICATION_TIMEOUT == 300
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0  # the five minutes have passed
    response = client.post(reverse("privacy_download"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_one_persons_confirmation_never_serves_another_persons_data(client, personas):
    client.force_login(personas.seeker)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.logout()
    client.force_login(personas.other_seeker)  # the next person at the same computer
    response = client.post(reverse("privacy_download"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    data = zip_of(client.post(reverse("privacy_download")))
    assert data["account"]["email"] == personas.other_seeker.email
    assert f'"{personas.seeker.email}"' not in json.dumps(data)


def test_with_an_authenticator_app_the_code_confirms_it(client, personas):
    secret = generate_totp_secret()
    TOTP.activate(personas.seeker, secret)
    client.force_login(personas.seeker)
    download = reverse("privacy_download")
    client.post(download)  # asks first (their password, or their authenticator)
    confirm_url = with_next("mfa_reauthenticate", download)
    response = client.post(confirm_url, {"code": "000000"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    response = client.post(confirm_url, {"code": current_code(secret)})
    assert zip_of(response)["account"]["email"] == personas.seeker.email


def test_staff_confirm_with_their_authenticator_in_spanish(client, personas):
    secret = generate_totp_secret()
    staff = staff_user(with_mfa=False, email="rosa@borderplex.example", preferred_language="es")
    TOTP.activate(staff, secret)
    client.force_login(staff)
    page_url = localized(reverse("privacy_export"), "es")
    html = client.get(page_url).content.decode()
    assert "Confirme que es usted para descargar" in html
    confirm_path = localized(reverse("mfa_reauthenticate"), "es")
    confirm_url = f"{confirm_path}?{urlencode({'next': page_url})}"
    assert f'href="{confirm_url.replace("&", "&amp;")}"' in html
    response = client.post(confirm_url, {"code": current_code(secret)})
    assert response["Location"] == page_url
    assert "Descargar mis datos" in client.get(page_url).content.decode()


def test_deleting_an_account_without_a_password_asks_to_confirm_first(client, personas):
    user = UserFactory(email="no-password@people.example")
    user.set_unusable_password()
    user.save()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.force_login(user)
    delete_url = reverse("privacy_delete")
    response = client.post(delete_url, {"phrase": "Delete my account"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_request_reauthentication_code"))
    user.refresh_from_db()
    assert user.erased_at is None
    # Confirmed with their authenticator, the erasure that was sent goes ahead.
    response = client.post(
        with_next("mfa_reauthenticate", delete_url), {"code": current_code(secret)}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.erased_at is not None


def test_deleting_an_account_with_a_password_asks_for_it_in_the_form(client, personas):
    client.force_login(personas.seeker)  # no separate confirmation: the form's password is it
    assert client.get(reverse("privacy_delete")).status_code == 200
    response = client.post(reverse("privacy_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    personas.seeker.refresh_from_db()
    assert personas.seeker.erased_at is not None


def test_adding_an_email_address_asks_to_confirm_first(client, personas):
    """Otherwise a session left open would let anyone add their address, then reset the
    password through it: the whole account."""
    client.force_login(personas.seeker)
    response = client.post(
        reverse("account_email"), {"email": "someone-else@people.example", "action_add": ""}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not personas.seeker.emailaddress_set.filter(email="someone-else@people.example").exists()
