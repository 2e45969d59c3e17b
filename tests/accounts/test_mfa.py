"""Two-step sign-in: available to everyone, required for staff before staff pages open."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, staff_user

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["dashboard", "accounts:queue"]


def current_code(secret: str) -> str:
    """The authenticator's code now; near the end of a 30 s window, the next window's.

    allauth accepts only the current window, so a code read in its last seconds could go
    stale before the form is submitted.
    """
    if 30 - time.time() % 30 < 5:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, page):
    client.force_login(staff_user(with_mfa=False))
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_admin_is_closed_to_staff_without_an_authenticator(client):
    client.force_login(staff_user(with_mfa=False))
    response = client.get("/" + settings.ADMIN_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_with_an_authenticator_get_in(client, page):
    client.force_login(staff_user())
    assert client.get(reverse(page)).status_code == 200


def test_the_requirement_can_be_switched_off_for_the_demo(client, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(staff_user(with_mfa=False))
    assert client.get(reverse("accounts:queue")).status_code == 200


def test_other_roles_are_not_forced(client, personas):
    assert not Authenticator.objects.filter(user=personas.seeker).exists()
    client.force_login(personas.seeker)
    assert client.get(reverse("dashboard")).status_code == 200


def test_anyone_can_open_two_step_settings(client, personas):
    client.force_login(personas.seeker)
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200


def test_sign_in_asks_for_the_code_once_an_authenticator_is_set_up(client):
    user = UserFactory(email="careful@people.example")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("dashboard")).status_code == 302  # not signed in yet

    wrong = "000000" if current_code(secret) != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 400
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
