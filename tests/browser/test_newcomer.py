"""A newcomer switches to Spanish, signs up as a job seeker, verifies the email from the
outbox, and lands on their dashboard — in a real Chromium."""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from apps.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def spanish(text: str) -> str:
    with translation.override("es"):
        translated = gettext(text)
    assert translated != text, f"no Spanish for {text!r}"
    return translated


def test_newcomer_signs_up_in_spanish_and_lands_on_the_dashboard(page):
    page.goto(page.base_url + "/")
    assert page.locator("h1").inner_text() == "Start a tech career in El Paso"

    page.get_by_test_id("language-es").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == spanish("Start a tech career in El Paso")

    page.get_by_role("link", name=spanish("Create a free account")).click()
    page.wait_for_url(re.compile(r"/accounts/signup/$"))
    # A job seeker is the default choice; the organization name stays out of the way.
    assert page.locator("#id_account_type_0").is_checked()
    assert page.locator("#id_organization_name").is_hidden()
    page.fill("#id_first_name", "Lupita")
    page.fill("#id_last_name", "Hernández")
    page.fill("#id_email", "lupita@people.example")
    page.fill("#id_password1", "Frontera-Digital-2020")
    page.fill("#id_password2", "Frontera-Digital-2020")
    page.locator("form.usa-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))

    user = User.objects.get(email="lupita@people.example")
    assert user.role == "seeker" and user.preferred_language == "es"
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert spanish("Hello from Reboot El Paso!") in body
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    page.goto(f"{page.base_url}/{path}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert page.locator("h1").inner_text() == spanish("Welcome, %(name)s") % {"name": "Lupita"}
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_text(spanish("Your next steps")).is_visible()


def test_phone_menu_opens_and_shows_the_language_switch(phone):
    phone.goto(phone.base_url + "/")
    nav = phone.locator("nav.usa-nav")
    assert not nav.is_visible()
    phone.get_by_role("button", name="Menu").click()
    assert nav.is_visible()
    assert phone.get_by_test_id("language-es").is_visible()
    # No sideways scrolling on a 360 px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
