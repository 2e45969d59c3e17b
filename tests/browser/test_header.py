"""The header in a real Chromium: the brand stays on one line at desktop widths even with the
longest menus in Spanish, and nothing in the open phone menu runs past its panel."""

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.test_accessibility import axe_violations
from tests.notifications.helpers import approved

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(tab, user, language: str):
    """A signed-in session without the sign-in form (staff would need their second factor)."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    tab.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": tab.base_url}]
    )


def with_unread_badge(user, count=12):
    """The widest menu: an unread count beside "Notifications"."""
    for n in range(count):
        approved(user, key=f"badge-{n}")


# Boxes of what shows (text for screen readers only is off-screen on purpose).
BOXES = """selector => [...document.querySelectorAll(selector)]
  .filter(el => !el.closest('.usa-sr-only')).map(el => {
  const box = el.getBoundingClientRect();
  return {text: (el.innerText || el.tagName).trim().slice(0, 40), left: box.left,
          right: box.right, top: box.top, height: box.height,
          lineHeight: parseFloat(getComputedStyle(el).lineHeight)};
})"""


@pytest.mark.parametrize("who", ["staff", "employer"])
def test_the_brand_stays_on_one_line_at_desktop_width_in_spanish(page, personas, who):
    user = getattr(personas, who)
    with_unread_badge(user)
    sign_in(page, user, "es")
    page.goto(page.base_url + "/dashboard/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_test_id("unread-count").is_visible()
    [brand] = page.evaluate(BOXES, ".usa-logo__text a")
    assert brand["height"] <= brand["lineHeight"] * 1.3, f"the brand wraps: {brand}"
    # Every menu item stays on one line too, and the header doesn't scroll sideways.
    for link in page.evaluate(BOXES, ".usa-nav__primary > li > a, .portal-nav-button"):
        assert link["height"] <= link["lineHeight"] * 1.3 + 32, f"wraps: {link}"  # + padding
    width = page.evaluate("document.documentElement.clientWidth")
    for box in page.evaluate(BOXES, ".usa-nav *"):
        assert box["left"] >= 0 and box["right"] <= width, f"off screen: {box}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []


def open_menu(phone):
    phone.locator(".usa-menu-btn").click()
    # The panel slides in: measure once it has arrived.
    phone.locator("nav.usa-nav").wait_for(state="visible")
    phone.evaluate(
        "() => Promise.all(document.querySelector('nav.usa-nav')"
        ".getAnimations({subtree: true}).map(animation => animation.finished))"
    )


def assert_menu_fits(phone):
    """Every element of the open menu lies inside the panel's padding, on screen."""
    panel = phone.evaluate(
        """() => {
          const nav = document.querySelector('nav.usa-nav'), box = nav.getBoundingClientRect();
          const style = getComputedStyle(nav);
          return {left: box.left + parseFloat(style.paddingLeft),
                  right: box.right - parseFloat(style.paddingRight)};
        }"""
    )
    assert panel["right"] <= 360
    outside = [
        box
        for box in phone.evaluate(BOXES, "nav.usa-nav .usa-nav__primary *, nav.usa-nav form *")
        if box["height"]
        and (box["left"] < panel["left"] - 0.5 or box["right"] > panel["right"] + 0.5)
    ]
    assert outside == [], f"past the menu's edge ({panel}): {outside}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_open_phone_menu_fits_the_screen(phone, language):
    phone.context.add_cookies(
        [{"name": "techhire_language", "value": language, "url": phone.base_url}]
    )
    phone.goto(phone.base_url + "/")
    open_menu(phone)
    cta = phone.locator("a.portal-nav-cta")
    assert cta.is_visible()  # "Create an account", the widest element of the menu
    assert_menu_fits(phone)
    assert axe_violations(phone) == []


@pytest.mark.parametrize("who", ["staff", "employer", "seeker"])
def test_the_signed_in_phone_menu_fits_the_screen_in_spanish(phone, personas, who):
    user = getattr(personas, who)
    with_unread_badge(user, count=3)
    sign_in(phone, user, "es")
    phone.goto(phone.base_url + "/dashboard/")
    open_menu(phone)
    assert phone.locator(".portal-nav-button").is_visible()  # "Cerrar sesión"
    assert_menu_fits(phone)
