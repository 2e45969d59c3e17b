"""The provider's pages in a real Chromium: axe-core (WCAG 2.1 AA), a phone's 360 px, and the
skills accordion working with USWDS's script."""

import pytest
from django.urls import reverse

from apps.core.i18n import localized
from apps.skills.models import Skill
from apps.trainings.models import Program
from tests.browser.helpers import pick_skill, sign_in
from tests.browser.test_accessibility import axe_violations
from tests.factories.trainings import CohortFactory, EnrollmentFactory, ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def provider_pages(personas) -> list[str]:
    program = ProgramFactory(
        provider=personas.orgs.provider,
        title="Help Desk Basics",
        skills=Skill.objects.filter(slug__in=["linux", "git"]),
    )
    cohort = CohortFactory(program=program)
    for status in ["applied", "accepted", "enrolled", "completed", "declined"]:
        EnrollmentFactory(cohort=cohort, status=status, history=personas.provider)
    return [
        reverse("trainings:manage"),
        reverse("trainings:program_create"),
        reverse("trainings:program_detail", args=[program.pk]),
        reverse("trainings:program_edit", args=[program.pk]),
        reverse("trainings:cohort_create", args=[program.pk]),
        reverse("trainings:cohort_edit", args=[cohort.pk]),
        reverse("trainings:roster", args=[cohort.pk]),
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_provider_pages_have_no_axe_violations(page, personas, language):  # noqa: F811
    personas.provider.preferred_language = language
    personas.provider.save()
    sign_in(page, personas.provider.email)
    for path in provider_pages(personas):
        page.goto(page.base_url + localized(path, language))
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path


def test_provider_pages_fit_a_phone(phone, personas):  # noqa: F811
    sign_in(phone, personas.provider.email)
    for path in provider_pages(personas):
        phone.goto(phone.base_url + path)
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"


def test_form_errors_have_no_axe_violations(page, personas):  # noqa: F811
    sign_in(page, personas.provider.email)
    page.goto(page.base_url + reverse("trainings:program_create"))
    page.fill("#id_title", "Cloud Support")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".usa-error-message").count() > 0
    assert axe_violations(page) == []


def test_skills_are_picked_by_search_and_the_program_is_saved(page, personas):  # noqa: F811
    sign_in(page, personas.provider.email)
    page.goto(page.base_url + reverse("trainings:program_create"))
    python = Skill.objects.get(slug="python")
    browsed = page.locator(f"[data-skills-browse] input[name=skills][value='{python.pk}']")
    assert not browsed.is_visible()  # every category is folded away
    pick_skill(page, "skills", "pyth", "python")
    page.fill("#id_title", "Python Evenings")
    page.fill("#id_summary", "Learn Python in the evenings.")
    page.fill("#id_description", "Ten weeks of projects.")
    for name in ["format_0", "schedule_1", "language_2"]:
        page.locator(f"label[for=id_{name}]").click()
    page.fill("#id_length_weeks", "10")
    page.fill("#id_hours_per_week", "6")
    page.fill("#id_total_cost", "0")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/provider/programs/*/")
    program = Program.objects.get()
    assert list(program.skills.values_list("slug", flat=True)) == ["python"]
    assert page.get_by_text("is saved as a draft").is_visible()
