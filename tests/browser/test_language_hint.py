"""Signed in, the header's language switch says it changes the language of your emails too
(issue 11, item 10) — at desktop width and in the phone menu, without crowding the header."""

import pytest

from apps.accounts.models import User
from tests.browser.test_header import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_switch_says_it_changes_the_email_language(page, personas):
    page.goto(page.base_url + "/")
    assert page.get_by_test_id("language-hint").count() == 0  # visitors have no emails to change

    sign_in(page, personas.seeker, "en")
    page.goto(page.base_url + "/dashboard/")
    hint = page.get_by_test_id("language-hint")
    assert hint.is_visible() and hint.inner_text() == "Also for your emails"
    button = page.get_by_test_id("language-es")
    assert button.get_attribute("aria-describedby") == "language-hint"
    # Beside the button: just under it, not somewhere else on the page.
    hint_box, button_box = hint.bounding_box(), button.bounding_box()
    assert 0 <= hint_box["y"] - (button_box["y"] + button_box["height"]) <= 16
    assert abs(hint_box["x"] - button_box["x"]) <= 16

    button.click()
    page.wait_for_load_state()
    assert page.get_by_test_id("language-hint").inner_text() == "También para sus correos"
    assert User.objects.get(pk=personas.seeker.pk).preferred_language == "es"


def test_the_hint_shows_in_the_phone_menu(phone, personas):
    sign_in(phone, personas.employer, "es")
    phone.goto(phone.base_url + "/dashboard/")
    phone.get_by_role("button", name="Menú").click()
    assert phone.get_by_test_id("language-hint").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
