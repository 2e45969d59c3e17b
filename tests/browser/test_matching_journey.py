"""A seeker in Spanish sees how they match a job and follows a missing skill to a class that
teaches it — in a real Chromium, the panel loaded by htmx."""

import pytest
from django.urls import reverse

from apps.core.i18n import localized
from apps.seekers.models import SeekerProfile, SeekerSkill
from apps.skills.models import Skill
from tests.browser.helpers import sign_in
from tests.factories import UserFactory
from tests.factories.employers import JobFactory
from tests.factories.trainings import published_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_missing_skill_leads_to_a_training_in_spanish(browser, live_server):
    job = JobFactory(title="Analista de soporte", required_skills=["python", "git", "sql"])
    published_cohort(title="SQL por las noches", skills=("sql",))
    published_cohort(title="Excel Basics", skills=("microsoft-excel",))
    lupe = UserFactory(email="lupe@people.example", first_name="Lupe", preferred_language="es")
    profile = SeekerProfile.objects.create(user=lupe)
    for skill in Skill.objects.filter(slug__in=["python", "git"]):
        SeekerSkill.objects.create(profile=profile, skill=skill)

    tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    tab.base_url = live_server.url
    sign_in(tab, "lupe@people.example")
    tab.goto(live_server.url + localized(reverse("employers:job", args=[job.slug]), "es"))
    panel = tab.get_by_test_id("match-panel")
    panel.wait_for()  # swapped in by htmx
    reasons = panel.get_by_test_id("match-reasons").inner_text()
    assert reasons.startswith("Usted tiene 2 de 3 habilidades requeridas. Le falta:")
    assert "se enseña en 1 capacitación que empieza pronto." in reasons
    panel.get_by_test_id("missing-skill-link").first.click()
    tab.wait_for_url("**/trainings/?skill=*")
    results = tab.locator("#results")
    results.get_by_role("link", name="SQL por las noches").wait_for()
    assert results.get_by_role("link", name="Excel Basics").count() == 0


def test_a_seeker_sorts_the_job_search_by_best_match(browser, live_server):
    JobFactory(title="Java Developer", required_skills=["java"])
    JobFactory(title="Python Technician", required_skills=["python", "git"])
    JobFactory(title="Cloud Engineer", required_skills=["python", "aws", "linux", "docker"])
    ana = UserFactory(email="ana@people.example", first_name="Ana")
    profile = SeekerProfile.objects.create(user=ana)
    for skill in Skill.objects.filter(slug__in=["python", "git"]):
        SeekerSkill.objects.create(profile=profile, skill=skill, verified=True)

    tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    tab.base_url = live_server.url
    sign_in(tab, "ana@people.example")
    tab.goto(live_server.url + reverse("employers:search"))
    # Choosing the order refreshes the results through htmx, and the address follows.
    tab.locator("#id_sort").select_option("fit")
    tab.wait_for_url("**/jobs/?sort=fit")
    first = tab.locator("#results [data-testid=job-card]").first
    first.get_by_role("link", name="Python Technician").wait_for()
    assert first.get_by_test_id("match-band").inner_text() == "Strong match"
    titles = tab.locator("#results .usa-card__heading").all_inner_texts()
    assert titles == ["Python Technician", "Cloud Engineer", "Java Developer"]
