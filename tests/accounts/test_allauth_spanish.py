"""allauth's pages and emails speak Spanish the portal's way: "usted", "verificación en dos pasos".

The translations live in the project catalog (locale/, which wins over allauth's own); the
msgids are listed in apps/accounts/allauth_strings.py so makemessages keeps them.
"""

import gettext as gettext_module
import re
from pathlib import Path

import allauth
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from apps.accounts.allauth_strings import ALLAUTH_MSGIDS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def allauth_spanish_catalog() -> dict:
    locale = Path(allauth.__file__).parent / "locale"
    return gettext_module.translation("django", locale, languages=["es"])._catalog


def test_every_listed_msgid_is_still_one_allauth_uses():
    """An allauth upgrade that rewords a string leaves our translation unused: notice it."""
    catalog = allauth_spanish_catalog()
    missing = [msgid for msgid in ALLAUTH_MSGIDS if msgid not in catalog]
    assert missing == []
    assert len(set(ALLAUTH_MSGIDS)) == len(ALLAUTH_MSGIDS)


def test_the_verification_page_says_usted(client):
    with translation.override("es"):
        response = client.get(reverse("account_email_verification_sent"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le enviamos un correo electrónico para confirmar su dirección" in html
    assert "revise su carpeta de correo no deseado" in html
    assert "Si no ves" not in html
    assert "tu bandeja" not in html


def test_two_step_sign_in_has_the_portals_name(client):
    client.force_login(UserFactory(preferred_language="es"))
    with translation.override("es"):
        response = client.get(reverse("mfa_index"))
    assert response.status_code == 200
    html = response.content.decode()
    heading = re.search(r"<h1[^>]*>\s*(.*?)\s*</h1>", html, re.S).group(1)
    assert heading == "Verificación en dos pasos"
    assert "doble factor" not in html


def test_the_confirmation_email_says_usted(client, django_capture_on_commit_callbacks):
    with translation.override("es"):
        url = reverse("account_signup")
    with django_capture_on_commit_callbacks(execute=True):  # sent by the outbox after commit
        response = client.post(
            url,
            {
                "account_type": "seeker",
                "first_name": "Lupe",
                "last_name": "García",
                "email": "lupe@people.example",
                "password1": "Correct-Horse-Battery-9",
                "password2": "Correct-Horse-Battery-9",
            },
        )
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert "Está recibiendo este correo electrónico porque" in body
    assert "su dirección de correo electrónico" in body
    assert "vaya a http" in body
    for informal in ("Estás recibiendo", "tu dirección", "vete a"):
        assert informal not in body
