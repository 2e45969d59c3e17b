"""The applicant pipeline in a real Chromium: the stage counters on a phone, and the steps
that ask "are you sure?" (mark hired, close a job), with and without JavaScript."""

import pytest
from django.urls import reverse

from apps.core.i18n import localized
from apps.employers.models import Application, Job
from tests.browser.helpers import sign_in
from tests.browser.test_accessibility import axe_violations
from tests.factories.pipeline import application, job

from .test_jobs_browser import overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAGES = ["submitted", "reviewing", "interview", "offer", "hired"]


@pytest.fixture
def our_job(personas):
    row = job(personas.orgs.employer, title="Junior Python Developer")
    for status in STAGES:
        application(row, status=status)
    return row


def counters(tab) -> list[dict]:
    """Where each stage counter sits on the page."""
    return tab.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stage-counts] > li')].map((li) => {
            const box = li.getBoundingClientRect();
            return {top: box.top, height: box.height};
        })"""
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_stage_counters_are_one_compact_row_on_a_phone(phone, personas, our_job, language):
    personas.employer.preferred_language = language
    personas.employer.save()
    sign_in(phone, personas.employer.email)
    phone.goto(
        phone.base_url + localized(reverse("employers:pipeline", args=[our_job.pk]), language)
    )
    assert phone.locator("html").get_attribute("lang") == language
    boxes = counters(phone)
    assert len(boxes) == len(STAGES)
    assert len({round(box["top"]) for box in boxes}) == 1, "the counters wrap onto more rows"
    height = phone.get_by_test_id("stage-counts").bounding_box()["height"]
    assert height <= 110, f"the counters take {height}px of a phone's height"
    assert overflow(phone) <= 0
    for status in STAGES:
        assert phone.get_by_test_id(f"count-{status}").inner_text() == "1"


def test_the_stage_counters_are_one_row_on_a_desktop_too(page, personas, our_job):
    sign_in(page, personas.employer.email)
    page.goto(page.base_url + reverse("employers:pipeline", args=[our_job.pk]))
    assert len({round(box["top"]) for box in counters(page)}) == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_confirmation_pages_have_no_axe_violations(page, personas, our_job, language):
    personas.employer.preferred_language = language
    personas.employer.save()
    offer = Application.objects.get(job=our_job, status="offer")
    sign_in(page, personas.employer.email)
    for path in [
        reverse("employers:applicant_confirm_hire", args=[offer.pk]),
        reverse("employers:job_close", args=[our_job.pk]),
    ]:
        page.goto(page.base_url + localized(path, language))
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path


def test_mark_hired_and_close_job_work_without_javascript(browser, live_server, personas, our_job):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-US", java_script_enabled=False
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base_url = live_server.url
    try:
        sign_in(tab, personas.employer.email)
        offer = Application.objects.get(job=our_job, status="offer")
        tab.goto(tab.base_url + reverse("employers:pipeline", args=[our_job.pk]))
        tab.locator(f"#application-{offer.pk}").get_by_test_id("action-hired").click()
        tab.wait_for_url("**/mark-hired/?return_to=pipeline")
        offer.refresh_from_db()
        assert offer.status == "offer"  # only asked so far
        tab.get_by_test_id("confirm-hire-button").click()
        tab.wait_for_url("**" + reverse("employers:applicant", args=[offer.pk]))
        offer.refresh_from_db()
        assert offer.status == "hired"
        assert tab.get_by_test_id("record-hire-link").is_visible()

        tab.goto(tab.base_url + reverse("employers:job_detail", args=[our_job.pk]))
        tab.get_by_test_id("close-link").click()
        tab.wait_for_url("**" + reverse("employers:job_close", args=[our_job.pk]))
        assert Job.objects.get(pk=our_job.pk).status == "published"
        tab.get_by_test_id("confirm-close-button").click()
        tab.wait_for_url("**" + reverse("employers:job_detail", args=[our_job.pk]))
        assert Job.objects.get(pk=our_job.pk).status == "closed"
    finally:
        context.close()
