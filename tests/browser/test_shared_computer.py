"""A library computer in a real Chromium: after the person signs out, the back button shows
none of their pages (`Cache-Control: private, no-store`), and the page's Permissions-Policy
is one the browser understands (no console complaints), with the camera and such off."""

import pytest
from django.urls import reverse

from tests.browser.fixtures import ARGS, CHROMIUM
from tests.browser.test_header import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_with_history_cache(browser, live_server):
    """A browser as people have it: Playwright switches Chromium's back/forward cache off by
    default, and that cache is what would show a page again without asking the server."""
    chromium = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    tab = chromium.new_context(locale="en-US").new_page()
    tab.set_default_timeout(15_000)
    tab.base_url = live_server.url
    yield tab
    chromium.close()


def test_the_back_button_after_signing_out_shows_nothing_of_the_last_person(
    page_with_history_cache,
):
    page = page_with_history_cache
    lupe = UserFactory(email="lupe.library@people.example", first_name="Lupe", last_name="Ortiz")
    sign_in(page, lupe, "en")
    page.goto(page.base_url + reverse("accounts:settings"))
    assert page.get_by_label("First name").input_value() == "Lupe"
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out", exact=True).click()  # the header's button
    assert "Sign in" in page.content()
    # Back to Lupe's settings: a page restored from the history cache fires no new "load".
    page.go_back(wait_until="commit")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert reverse("account_login") in page.url
    assert "Lupe" not in page.content()
    assert "lupe.library@people.example" not in page.content()


def test_the_permissions_policy_is_understood_and_switches_features_off(page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(page.base_url + "/")
    page.wait_for_load_state("networkidle")
    assert not [m for m in messages if "Permissions-Policy" in m or "feature" in m.lower()]
    allowed = page.evaluate(
        """() => document.featurePolicy
            ? ['camera', 'microphone', 'geolocation', 'payment', 'usb']
                .filter(f => document.featurePolicy.allowsFeature(f))
            : null"""
    )
    assert allowed == []
