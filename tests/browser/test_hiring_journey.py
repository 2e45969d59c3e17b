"""Issue 5's journey in a real Chromium: an employer posts a job in English, staff approve
it, a seeker applies in Spanish, the employer moves them to hired, records the hire, and
staff verify it."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.core.i18n import localized
from apps.employers.models import Application, Hire, Job
from apps.skills.models import Occupation, Skill
from tests.browser.helpers import pick_skill, sign_in
from tests.factories import OrganizationFactory, UserFactory, member_of, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def es(text):
    with translation.override("es"):
        return gettext(text)


def tab(browser, live_server, width=1280):
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    return page


def test_post_approve_apply_hire_verify(browser, live_server):
    employer_org = OrganizationFactory(name="Sun City Software", kind="employer")
    employer = member_of(employer_org, email="dan@suncity.example")
    staff = staff_user(with_mfa=False, email="rosa@borderplex.example")
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    UserFactory(email="lupe@people.example", first_name="Lupe", preferred_language="es")
    python = Skill.objects.get(slug="python")
    support = Occupation.objects.get(soc_code="15-1232")

    # The employer posts a job in English.
    boss = tab(browser, live_server)
    sign_in(boss, employer.email)
    boss.goto(live_server.url + reverse("employers:job_create"))
    boss.fill("#id_title", "Help Desk Technician")
    boss.select_option("#id_occupation", str(support.pk))
    boss.fill("#id_description", "Answer calls and fix laptops for our bilingual customers.")
    pick_skill(boss, "required_skills", "Python", python.slug)
    boss.fill("#id_pay_min", "17")
    boss.fill("#id_pay_max", "21")
    boss.locator("label[for=id_pay_unit_0]").click()
    boss.locator("label[for=id_employment_type_0]").click()
    boss.locator("label[for=id_schedule_0]").click()
    boss.locator("label[for=id_work_setting_0]").click()
    boss.fill("#id_closes_on", (timezone.localdate() + timedelta(days=30)).isoformat())
    boss.get_by_role("button", name="Save as draft").click()
    boss.get_by_role("button", name="Send for review").click()
    boss.wait_for_load_state()
    job = Job.objects.get(title="Help Desk Technician")
    assert job.status == "pending"

    # Staff approve it.
    rosa = tab(browser, live_server)
    sign_in(rosa, staff.email, totp_secret=secret)
    rosa.goto(live_server.url + reverse("employers:job_review", args=[job.pk]))
    rosa.get_by_role("button", name="Publish this job").click()
    rosa.wait_for_load_state()
    job.refresh_from_db()
    assert job.status == "published"

    # A seeker applies, in Spanish, from a phone.
    lupe = tab(browser, live_server, width=390)
    sign_in(lupe, "lupe@people.example")
    lupe.goto(live_server.url + localized(reverse("employers:search"), "es"))
    lupe.fill("#id_q", "help desk")
    lupe.locator("#results").get_by_role("link", name="Help Desk Technician").click()
    lupe.get_by_role("button", name=es("Apply for this job")).click()
    lupe.wait_for_url("**" + localized(reverse("employers:my_applications"), "es"))
    application = Application.objects.get(job=job)

    # The employer moves the applicant along to hired and records the hire.
    boss.goto(live_server.url + reverse("employers:applicant", args=[application.pk]))
    for step in ["reviewing", "interview", "offer", "hired"]:
        boss.get_by_test_id(f"action-{step}").first.click()
        boss.wait_for_load_state()
        if step == "hired":  # it can't be undone: a page asks first
            boss.get_by_test_id("confirm-hire-button").click()
            boss.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "hired"
    boss.goto(live_server.url + reverse("employers:hire_create") + f"?application={application.pk}")
    boss.fill("#id_start_date", timezone.localdate().isoformat())
    boss.get_by_role("button", name="Record the hire").click()
    boss.wait_for_load_state()
    hire = Hire.objects.get(application=application)
    assert hire.status == "reported"

    # Staff verify it; the seeker saw every step in Spanish.
    rosa.goto(live_server.url + reverse("employers:hire_queue"))
    rosa.get_by_test_id(f"verify-{hire.pk}").click()
    rosa.wait_for_load_state()
    hire.refresh_from_db()
    assert hire.status == "verified" and hire.decided_by == staff
    lupe.reload()
    assert lupe.locator("html").get_attribute("lang") == "es"
    for page in (boss, rosa, lupe):
        page.context.close()
