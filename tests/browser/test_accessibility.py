"""WCAG 2.1 AA checks with axe-core (from npm) in a real Chromium, in both languages."""

from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings

from apps.notifications.models import Notification
from apps.notifications.tokens import make_token
from tests.browser.helpers import sign_in
from tests.factories import member_of, staff_user
from tests.notifications.helpers import approved

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PUBLIC_PAGES = ["/", "/accounts/signup/", "/accounts/login/", "/organizations/"]


def axe_violations(page) -> list[str]:
    # The page's CSP forbids injected scripts: evaluate axe's source in the page instead.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_axe_violations(page, path, language):
    page.context.add_cookies(
        [{"name": "techhire_language", "value": language, "url": page.base_url}]
    )
    page.goto(page.base_url + path)
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []


def test_phone_home_has_no_axe_violations(phone):
    phone.goto(phone.base_url + "/")
    assert axe_violations(phone) == []


def test_signed_in_pages_have_no_axe_violations(page, personas):
    sign_in(page, personas.employer.email)
    approved(personas.employer)
    for path in [
        "/dashboard/",
        "/organization/",
        "/organization/edit/",
        "/accounts/settings/",
        "/notifications/",
        "/notifications/preferences/",
    ]:
        page.goto(page.base_url + path)
        assert axe_violations(page) == [], path


def test_organization_page_fits_a_phone_in_spanish_with_long_addresses(phone, personas):
    owner = personas.employer
    owner.preferred_language = "es"
    owner.save()
    member_of(
        owner.memberships.get().organization,
        owner=False,
        email="guadalupehernandezvillarreal@franklinmountainhealthit.example",
    )
    sign_in(phone, owner.email)
    phone.goto(phone.base_url + "/organization/")
    assert phone.locator("html").get_attribute("lang") == "es"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []


def test_staff_pages_have_no_axe_violations(page):
    secret = generate_totp_secret()
    staff = staff_user(with_mfa=False, email="rosa@borderplex.example")
    TOTP.activate(staff, secret)
    sign_in(page, staff.email, totp_secret=secret)
    failed = approved(staff, key="failed")
    Notification.objects.filter(pk=failed.pk).update(status="failed", last_error="550 no")
    for path in ["/dashboard/", "/staff/organizations/", "/staff/notifications/"]:
        page.goto(page.base_url + path)
        assert axe_violations(page) == [], path


def test_unsubscribe_pages_have_no_axe_violations(page, personas):
    token = make_token(user_id=personas.seeker.pk, category="program_news")
    page.goto(f"{page.base_url}/notifications/unsubscribe/{token}/")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_text("You are unsubscribed").is_visible()
    assert axe_violations(page) == []
    page.goto(f"{page.base_url}/notifications/unsubscribe/{token}x/")
    assert axe_violations(page) == []


def test_form_errors_have_no_axe_violations(page):
    page.goto(page.base_url + "/accounts/signup/")
    page.locator("label[for=id_account_type_1]").click()
    page.fill("#id_email", "not-an-email")
    page.evaluate("document.querySelector('main form').noValidate = true")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".usa-error-message").count() > 0
    assert axe_violations(page) == []
