"""The seeker's pages in a real Chromium: axe-core (WCAG 2.1 AA), a 360 px phone, and the
htmx skill picker."""

import pytest

from apps.seekers import services
from tests.browser.helpers import sign_in
from tests.browser.test_accessibility import axe_violations
from tests.factories.trainings import EnrollmentFactory

from .helpers import skill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/dashboard/",
    "/profile/",
    "/profile/step/about/",
    "/profile/step/preferences/",
    "/profile/step/goals/",
    "/profile/step/skills/",
    "/profile/skills/search/?q=JS",
    "/profile/step/visibility/",
    "/profile/resume/",
    "/profile/about-you/",
    "/my/trainings/",
    "/my/applications/",
]


@pytest.fixture
def busy_seeker(personas):
    profile = services.profile_for(personas.seeker)
    services.update_profile(profile=profile, fields={"headline": "Help desk", "zip_code": "79901"})
    services.add_skill(profile=profile, skill=skill("javascript"), level=2)
    services.add_verified_skills(
        user=personas.seeker, skills=[skill("technical-support")], source="Help Desk Bootcamp"
    )
    services.save_demographics(user=personas.seeker, fields={"veteran": "yes"})
    EnrollmentFactory(
        seeker=personas.seeker,
        cohort__program__provider=personas.orgs.provider,
        cohort__program__status="published",
        status="accepted",
    )
    return personas.seeker


@pytest.mark.parametrize("language", ["en", "es"])
def test_seeker_pages_have_no_axe_violations(page, busy_seeker, language):
    busy_seeker.preferred_language = language
    busy_seeker.save()
    sign_in(page, busy_seeker.email)
    for path in PAGES:
        page.goto(page.base_url + path)
        assert axe_violations(page) == [], path


def test_seeker_pages_fit_a_phone(phone, busy_seeker):
    sign_in(phone, busy_seeker.email)
    for path in PAGES:
        phone.goto(phone.base_url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
    assert axe_violations(phone) == []


def test_skill_picker_with_htmx(page, busy_seeker):
    sign_in(page, busy_seeker.email)
    page.goto(page.base_url + "/profile/step/skills/")
    page.fill("#skill-q", "postgres")
    results = page.locator("#skill-results")
    results.get_by_role("button", name="Add PostgreSQL").wait_for()
    assert page.url.endswith("/profile/step/skills/")  # no page load: htmx swapped it in
    pk = skill("postgresql").pk
    page.select_option(f"#result-level-{pk}", "3")
    results.get_by_role("button", name="Add PostgreSQL").click()
    page.locator(f"#my-skill-{pk}").wait_for()
    assert "PostgreSQL is on your profile" in page.locator("#skill-status").inner_text()
    page.get_by_role("button", name="Remove PostgreSQL").click()
    page.locator(f"#my-skill-{pk}").wait_for(state="detached")
    assert "removed" in page.locator("#skill-status").inner_text()
    # The verified skill has no remove button.
    assert page.get_by_role("button", name="Remove Technical support").count() == 0
