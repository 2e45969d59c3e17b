"""A seeker in Spanish finds an evening Python course, applies; the provider accepts; the
seeker sees it — in a real Chromium, through the pages people use."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from apps.core.i18n import localized
from apps.trainings.models import Enrollment
from tests.browser.helpers import sign_in
from tests.factories import UserFactory, member_of
from tests.factories.trainings import published_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def es(text: str) -> str:
    with translation.override("es"):
        return gettext(text)


def test_seeker_finds_applies_and_sees_the_providers_decision(browser, live_server):
    cohort = published_cohort(title="Python Evenings", schedule="evening", skills=("python",))
    published_cohort(title="Python Mornings", schedule="day", skills=("python",))
    published_cohort(title="Excel Basics", schedule="evening", skills=("microsoft-excel",))
    provider = member_of(cohort.program.provider, email="teacher@college.example")
    UserFactory(email="lupe@people.example", first_name="Lupe", preferred_language="es")

    seeker_tab = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    seeker_tab.base_url = live_server.url
    sign_in(seeker_tab, "lupe@people.example")
    assert seeker_tab.locator("html").get_attribute("lang") == "es"

    seeker_tab.goto(live_server.url + localized(reverse("trainings:catalog"), "es"))
    seeker_tab.fill("#id_q", "python")
    seeker_tab.locator("[data-testid=more-filters] > summary").click()  # folded on a phone
    seeker_tab.select_option("#id_schedule", "evening")
    seeker_tab.wait_for_url(re.compile(r"schedule=evening"))
    results = seeker_tab.locator("#results")
    results.get_by_role("link", name="Python Evenings").wait_for()
    assert results.get_by_role("link", name="Python Mornings").count() == 0
    assert results.get_by_role("link", name="Excel Basics").count() == 0

    results.get_by_role("link", name="Python Evenings").click()
    seeker_tab.fill(f"#id_note_{cohort.pk}", "Trabajo de día; las noches me quedan bien.")
    seeker_tab.get_by_role("button", name=es("Apply for this class")).click()
    seeker_tab.wait_for_url("**" + localized(reverse("trainings:mine"), "es"))
    assert seeker_tab.get_by_text(es("Applied"), exact=True).first.is_visible()
    enrollment = Enrollment.objects.get(seeker__email="lupe@people.example")

    provider_tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    provider_tab.base_url = live_server.url
    sign_in(provider_tab, provider.email)
    provider_tab.goto(live_server.url + reverse("trainings:roster", args=[cohort.pk]))
    assert provider_tab.get_by_text("Trabajo de día").is_visible()
    provider_tab.get_by_test_id("action-accepted").first.click()
    provider_tab.wait_for_load_state()
    enrollment.refresh_from_db()
    assert enrollment.status == "accepted"

    seeker_tab.reload()
    assert seeker_tab.get_by_text(es("Accepted"), exact=True).first.is_visible()
    seeker_tab.goto(live_server.url + localized(reverse("notifications:inbox"), "es"))
    assert seeker_tab.get_by_text("Python Evenings").first.is_visible()
    seeker_tab.context.close()
    provider_tab.context.close()
