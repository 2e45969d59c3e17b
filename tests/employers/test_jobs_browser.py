"""The job pages in a real Chromium: axe-core (WCAG 2.1 AA) in both languages, a phone's
360 px, htmx filtering with a shareable address, and the skill picker of the job form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.i18n import localized
from apps.employers.models import Job
from apps.skills.models import Occupation, Skill
from tests.browser.helpers import pick_skill, sign_in
from tests.browser.test_accessibility import axe_violations
from tests.factories.employers import ApplicationFactory, JobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overflow(tab) -> int:
    return tab.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.fixture
def rows(personas):
    live = JobFactory(
        employer=personas.orgs.employer,
        title="Help Desk Technician",
        required_skills=["help-desk", "windows-10-11"],
        preferred_skills=["linux"],
    )
    JobFactory(
        employer=personas.orgs.other_employer,
        title="Remote Security Analyst",
        work_setting="remote",
        pay_unit="year",
        pay_min=55000,
        pay_max=70000,
        required_skills=["linux"],
    )
    draft = JobFactory(
        employer=personas.orgs.employer,
        status="draft",
        title="Junior Developer",
        review_note="Please add the pay range.",
    )
    pending = JobFactory(employer=personas.orgs.employer, status="pending", title="QA Tester")
    ApplicationFactory(job=live, seeker=personas.seeker, status="interview")
    ApplicationFactory(job=live, status="submitted")
    return {"live": live, "draft": draft, "pending": pending}


@pytest.mark.parametrize("language", ["en", "es"])
def test_public_job_pages_have_no_axe_violations(page, rows, language):
    page.context.add_cookies(
        [{"name": "techhire_language", "value": language, "url": page.base_url}]
    )
    for path in [
        reverse("employers:search"),
        reverse("employers:search") + "?q=zzzz",
        reverse("employers:job", args=[rows["live"].slug]),
    ]:
        page.goto(page.base_url + localized(path, language))
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path


def test_seeker_pages_have_no_axe_violations_and_fit_a_phone(page, phone, personas, rows):
    paths = [
        reverse("employers:job", args=[rows["live"].slug]),
        reverse("employers:my_applications"),
    ]
    other = JobFactory(title="Another Job")
    sign_in(page, personas.seeker.email)
    for path in [*paths, reverse("employers:job", args=[other.slug])]:
        page.goto(page.base_url + path)
        assert axe_violations(page) == [], path
    # Applying from the page, with the CSRF check a browser goes through.
    page.goto(page.base_url + reverse("employers:job", args=[other.slug]))
    page.fill("#id_note", "I can start next week.")
    page.get_by_role("button", name="Apply for this job").click()
    page.wait_for_url("**" + reverse("employers:my_applications"))
    assert page.get_by_text("You applied to Another Job").is_visible()
    assert axe_violations(page) == []
    sign_in(phone, personas.seeker.email)
    for path in paths:
        phone.goto(phone.base_url + path)
        assert overflow(phone) <= 0, f"{path} scrolls sideways"


def employer_pages(rows) -> list[str]:
    return [
        reverse("employers:jobs"),
        reverse("employers:job_create"),
        reverse("employers:job_detail", args=[rows["live"].pk]),
        reverse("employers:job_detail", args=[rows["draft"].pk]),
        reverse("employers:job_edit", args=[rows["live"].pk]),
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_employer_pages_have_no_axe_violations(page, personas, rows, language):
    personas.employer.preferred_language = language
    personas.employer.save()
    sign_in(page, personas.employer.email)
    for path in employer_pages(rows):
        page.goto(page.base_url + localized(path, language))
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path


def test_employer_and_search_pages_fit_a_phone(phone, personas, rows):
    phone.goto(phone.base_url + reverse("employers:search"))
    assert overflow(phone) <= 0
    sign_in(phone, personas.employer.email)
    for path in employer_pages(rows):
        phone.goto(phone.base_url + path)
        assert overflow(phone) <= 0, f"{path} scrolls sideways"


def test_staff_pages_have_no_axe_violations(page, rows):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import staff_user

    secret = generate_totp_secret()
    staff = staff_user(with_mfa=False, email="rosa@borderplex.example")
    TOTP.activate(staff, secret)
    sign_in(page, staff.email, totp_secret=secret)
    for path in [
        reverse("employers:job_queue"),
        reverse("employers:job_review", args=[rows["pending"].pk]),
    ]:
        page.goto(page.base_url + path)
        assert axe_violations(page) == [], path
    # A send-back without a note shows its error, still accessible.
    page.locator("form[action$='/send-back/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".usa-error-message").count() == 1
    assert axe_violations(page) == []


def test_form_errors_have_no_axe_violations(page, personas):
    sign_in(page, personas.employer.email)
    page.goto(page.base_url + reverse("employers:job_create"))
    page.fill("#id_title", "Cloud Support")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".usa-error-message").count() > 0
    assert axe_violations(page) == []


def test_filters_refresh_the_results_and_the_address(page, rows):
    page.goto(page.base_url + reverse("employers:search"))
    assert page.locator("[data-testid=job-card]").count() == 2
    page.select_option("#id_work_setting", "remote")
    page.wait_for_url("**/jobs/?work_setting=remote")
    assert page.locator("[data-testid=job-card]").count() == 1
    assert page.get_by_text("Remote Security Analyst").is_visible()


def fill_the_rest_of_the_job(page):
    page.fill("#id_title", "Python Developer")
    page.select_option("#id_occupation", str(Occupation.objects.get(soc_code="15-1252").pk))
    page.fill("#id_description", "Build tools with us.")
    page.fill("#id_pay_min", "20")
    page.fill("#id_pay_max", "28")
    for name in ["pay_unit_0", "employment_type_0", "schedule_0", "work_setting_0"]:
        page.locator(f"label[for=id_{name}]").click()
    page.fill("#id_closes_on", (timezone.localdate() + timedelta(days=20)).isoformat())


def test_skills_are_picked_with_a_search_in_english_or_spanish(page, personas):
    """Issue 11, item 9: the seeker's kind of search, not 30 collapsed groups."""
    sign_in(page, personas.employer.email)
    page.goto(page.base_url + reverse("employers:job_create"))
    # Each skills field is short: every category is folded away (the page was 5,269 px).
    for field in ("required_skills", "preferred_skills"):
        assert page.locator(f"#id_{field}").bounding_box()["height"] < 450
    pick_skill(page, "required_skills", "JS", "javascript")  # a short name
    pick_skill(page, "required_skills", "soporte técnico", "technical-support")  # Spanish
    # Enter in the search doesn't send the form.
    page.fill("#id_required_skills-q", "python")
    page.press("#id_required_skills-q", "Enter")
    assert page.url.endswith(reverse("employers:job_create"))
    # A skill already chosen shows as such in the results instead of a second checkbox.
    page.fill("#id_required_skills-q", "javascript")
    page.get_by_text("Already chosen").wait_for()
    pick_skill(page, "preferred_skills", "pyth", "python")
    fill_the_rest_of_the_job(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/employer/jobs/*/")
    job = Job.objects.get()
    assert set(job.required_skills.values_list("slug", flat=True)) == {
        "javascript",
        "technical-support",
    }
    assert list(job.preferred_skills.values_list("slug", flat=True)) == ["python"]
    assert job.degree_required is False
    assert page.get_by_text("is saved as a draft").is_visible()
    # Editing shows the chosen skills first, not hidden in their categories.
    page.goto(page.base_url + reverse("employers:job_edit", args=[job.pk]))
    chosen = page.locator("#id_required_skills [data-skills-chosen]")
    assert chosen.get_by_text("JavaScript").is_visible()
    assert axe_violations(page) == []


def test_skills_can_be_picked_without_javascript(browser, live_server, personas):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.base_url = live_server.url
    page.set_default_timeout(15_000)
    try:
        sign_in(page, personas.employer.email)
        page.goto(page.base_url + reverse("employers:job_create"))
        assert not page.locator("#id_required_skills-q").is_visible()  # needs JavaScript
        python = Skill.objects.select_related("category").get(slug="python")
        field = page.locator("#id_required_skills")
        field.get_by_text("Browse all skills by category").click()
        field.locator("summary", has_text=python.category.name_en).click()
        checkbox = field.locator(f"[data-skills-browse] input[value='{python.pk}']")
        field.locator(f"label[for='{checkbox.get_attribute('id')}']").click()
        assert checkbox.is_checked()
        fill_the_rest_of_the_job(page)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/employer/jobs/*/")
        job = Job.objects.get()
        assert list(job.required_skills.values_list("slug", flat=True)) == ["python"]
    finally:
        context.close()


def test_the_skill_picker_works_on_a_phone(phone, personas):
    sign_in(phone, personas.provider.email)
    phone.goto(phone.base_url + reverse("trainings:program_create"))
    pick_skill(phone, "skills", "redes inal", "wireless-networking")
    assert overflow(phone) <= 0
