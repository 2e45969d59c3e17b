"""static/js/components.js, which stands in for uswds.js: the phone menu opens and closes
from the keyboard, and accordion sections open and close."""

import pytest
from django.urls import reverse

from tests.browser.test_header import sign_in
from tests.factories.pipeline import application, job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_phone_menu_opens_traps_nothing_outside_and_closes_with_escape(phone):
    phone.goto(phone.base_url + reverse("home"))
    nav = phone.locator(".usa-nav")
    menu = phone.get_by_role("button", name="Menu", exact=True)
    assert not nav.is_visible()
    assert menu.get_attribute("aria-expanded") == "false"
    assert menu.get_attribute("aria-controls") == nav.get_attribute("id")

    menu.click()
    assert nav.is_visible() and menu.get_attribute("aria-expanded") == "true"
    assert phone.evaluate("document.activeElement.classList.contains('usa-nav__close')")
    phone.keyboard.press("Shift+Tab")  # from the first control back to the panel's last one
    assert phone.evaluate("document.querySelector('.usa-nav').contains(document.activeElement)")

    phone.keyboard.press("Escape")
    assert not nav.is_visible() and menu.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.classList.contains('usa-menu-btn')")

    menu.click()
    phone.locator(".usa-nav__close").click()
    assert not nav.is_visible()


def test_accordion_sections_start_closed_and_open_on_click(page, personas):
    posting = job(personas.orgs.employer)
    application(posting, status="rejected")
    sign_in(page, personas.employer, "en")
    page.goto(page.base_url + reverse("employers:pipeline", args=[posting.pk]))
    button = page.locator("#stage-rejected button")
    section = page.get_by_test_id("closed-rejected")
    assert button.get_attribute("aria-expanded") == "false" and not section.is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and section.is_visible()
    button.click()
    assert not section.is_visible()
