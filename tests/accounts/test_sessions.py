"""Sessions: staff sessions end after a working day without activity (others keep two weeks);
staff decisions on people's data ask for a fresh authenticator code; everyone sees where
they are signed in and can sign out everywhere else."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.adapter import AccountAdapter
from apps.accounts.middleware import LAST_SEEN_KEY
from apps.accounts.models import Organization
from apps.accounts.permissions import MFA_CHECKED_AT
from apps.core.i18n import localized
from apps.employers.models import Hire
from tests.factories import PASSWORD, UserFactory, staff_user
from tests.factories.hires import make_hire

from .test_mfa import current_code

pytestmark = pytest.mark.django_db

HOUR = 3600


def set_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


# ---------------------------------------------------------------------------
# Staff sessions end after a working day without activity
# ---------------------------------------------------------------------------
def test_a_staff_session_ends_after_nine_idle_hours(client, personas):
    client.force_login(personas.staff)
    assert client.get(reverse("accounts:queue")).status_code == 200
    assert settings.STAFF_SESSION_IDLE_HOURS == 9
    set_session(client, **{LAST_SEEN_KEY: int(time.time()) - 9 * HOUR - 5})
    response = client.get(reverse("accounts:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 9 hours without activity" in page
    # Signed out for good: the next page asks to sign in again.
    assert client.get(reverse("accounts:queue")).status_code == 302


def test_activity_keeps_a_staff_session_alive_and_it_lasts_nine_hours(client, personas):
    client.force_login(personas.staff)
    set_session(client, **{LAST_SEEN_KEY: int(time.time()) - 8 * HOUR})
    assert client.get(reverse("accounts:queue")).status_code == 200
    session = client.session
    assert time.time() - session[LAST_SEEN_KEY] < 5  # written again on this request
    assert session.get_expiry_age() == 9 * HOUR
    row = Session.objects.get(session_key=session.session_key)
    assert abs((row.expire_date - timezone.now()).total_seconds() - 9 * HOUR) < 60


def test_a_session_ended_by_closing_the_browser_keeps_that_and_the_idle_limit(client, personas):
    client.force_login(personas.staff)
    session = client.session
    session.set_expiry(0)  # "remember me" left unticked
    session.save()
    client.get(reverse("accounts:queue"))
    assert client.session.get_expire_at_browser_close()
    set_session(client, **{LAST_SEEN_KEY: int(time.time()) - 10 * HOUR})
    assert client.get(reverse("accounts:queue")).status_code == 302


@pytest.mark.parametrize("persona", ["seeker", "employer", "provider", "partner"])
def test_everyone_else_keeps_two_week_sessions(client, personas, persona):
    client.force_login(getattr(personas, persona))
    set_session(client, **{LAST_SEEN_KEY: int(time.time()) - 100 * HOUR})
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 14 * 24 * HOUR


# ---------------------------------------------------------------------------
# A fresh authenticator check for staff decisions
# ---------------------------------------------------------------------------
@pytest.fixture
def staff_with_secret(personas):
    secret = generate_totp_secret()
    user = staff_user(with_mfa=False, email="rosa@borderplex.example")
    TOTP.activate(user, secret)
    return user, secret


def decisions(personas):
    """(URL, data, how to tell it was done) of each decision that asks for a fresh code."""
    hire = make_hire(personas.orgs.employer)
    verify = make_hire(personas.orgs.employer, external_name="Second Hire")
    pending = personas.orgs.pending
    employer = personas.orgs.employer
    return [
        (
            reverse("employers:hire_verify", args=[verify.pk]),
            {},
            lambda: Hire.objects.get(pk=verify.pk).status == "verified",
        ),
        (
            reverse("employers:hire_reject", args=[hire.pk]),
            {"reason": "No such person works there."},
            lambda: Hire.objects.get(pk=hire.pk).status == "rejected",
        ),
        (
            reverse("accounts:approve", args=[pending.pk]),
            {},
            lambda: Organization.objects.get(pk=pending.pk).status == "approved",
        ),
        (
            reverse("accounts:reject", args=[employer.pk]),
            {"reason": "Its approval is withdrawn."},
            lambda: Organization.objects.get(pk=employer.pk).status == "rejected",
        ),
    ]


@pytest.mark.parametrize("index", range(4), ids=["verify", "reject_hire", "approve", "withdraw"])
def test_an_old_code_means_a_new_one_first_then_the_decision_is_made(
    client, personas, staff_with_secret, index
):
    user, secret = staff_with_secret
    url, data, done = decisions(personas)[index]
    client.force_login(user)
    set_session(client, **{MFA_CHECKED_AT: time.time() - 16 * 60})
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert not done()
    page = client.get(response["Location"])
    assert page.status_code == 200
    # The code confirms it, and the decision that was sent is carried out.
    response = client.post(response["Location"], {"code": current_code(secret)})
    assert response.status_code == 302
    assert done()


def test_a_code_from_the_sign_in_counts_for_fifteen_minutes(client, personas, staff_with_secret):
    user, secret = staff_with_secret
    hire = make_hire(personas.orgs.employer)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.session.get(MFA_CHECKED_AT) is not None
    response = client.post(reverse("employers:hire_verify", args=[hire.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("employers:hire_queue"))
    assert Hire.objects.get(pk=hire.pk).status == "verified"
    assert settings.STAFF_FRESH_MFA_MINUTES == 15


def test_a_session_without_any_code_asks_for_one(client, personas, staff_with_secret):
    user, _secret = staff_with_secret
    hire = make_hire(personas.orgs.employer)
    client.force_login(user)
    session = client.session
    del session[MFA_CHECKED_AT]
    session.save()
    response = client.post(reverse("employers:hire_verify", args=[hire.pk]))
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert Hire.objects.get(pk=hire.pk).status == "reported"


def test_the_demo_without_staff_mfa_asks_for_nothing(client, personas, settings):
    settings.STAFF_MFA_REQUIRED = False
    hire = make_hire(personas.orgs.employer)
    client.force_login(staff_user(with_mfa=False, email="demo@borderplex.example"))
    response = client.post(reverse("employers:hire_verify", args=[hire.pk]))
    assert response["Location"].startswith(reverse("employers:hire_queue"))
    assert Hire.objects.get(pk=hire.pk).status == "verified"


def test_staff_confirm_with_their_authenticator_first_others_with_their_password(
    personas, staff_with_secret
):
    adapter = AccountAdapter()
    user, _secret = staff_with_secret
    assert adapter.get_reauthentication_methods(user)[0]["id"] == "mfa_reauthenticate"
    seeker = personas.seeker
    TOTP.activate(seeker, generate_totp_secret())
    assert adapter.get_reauthentication_methods(seeker)[0]["id"] == "reauthenticate"


# ---------------------------------------------------------------------------
# Where you are signed in
# ---------------------------------------------------------------------------
def sign_in(email: str, user_agent: str) -> Client:
    browser = Client(HTTP_USER_AGENT=user_agent)
    response = browser.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_everyone_sees_their_sessions_and_signs_out_everywhere_else():
    UserFactory(email="lupe@people.example")
    UserFactory(email="other@people.example")
    library = sign_in("lupe@people.example", "Library Browser/1.0")
    phone = sign_in("lupe@people.example", "Phone Browser/2.0")
    sign_in("other@people.example", "Someone Else/3.0")

    response = phone.get(reverse("usersessions_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Where you are signed in" in html
    assert "Library Browser/1.0" in html and "Phone Browser/2.0" in html
    assert "Someone Else/3.0" not in html
    assert html.count('data-testid="current-session"') == 1
    assert reverse("usersessions_list") in html  # in the account menu too

    response = phone.post(reverse("usersessions_list"), follow=True)
    assert "You are signed out everywhere else." in response.content.decode()
    assert library.get(reverse("dashboard")).status_code == 302  # signed out there
    assert phone.get(reverse("dashboard")).status_code == 200
    assert UserSession.objects.filter(user__email="lupe@people.example").count() == 1
    assert 'data-testid="only-session"' in phone.get(reverse("usersessions_list")).content.decode()


def test_the_sessions_page_speaks_spanish():
    UserFactory(email="lupe@people.example", preferred_language="es")
    browser = sign_in("lupe@people.example", "Navegador/1.0")
    html = browser.get(localized(reverse("usersessions_list"), "es")).content.decode()
    assert "Where you are signed in" not in html
    assert "Dónde tiene la sesión iniciada" in html
