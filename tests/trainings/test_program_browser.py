"""The program page's apply form in a real Chromium: the textarea's `maxlength` and the server
count a line break the same way, and a refused note comes back marked the USWDS way."""

import pytest
from django.urls import reverse

from apps.trainings.models import Enrollment
from tests.browser.helpers import sign_in
from tests.browser.test_accessibility import axe_violations
from tests.factories import UserFactory
from tests.factories.trainings import published_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 200 lines: 2,000 characters to the textarea, 2,200 once the browser sends them (CRLF).
NOTE = "Nine char\n" * 200


def test_a_note_the_textarea_accepts_is_accepted(page):
    cohort = published_cohort(title="Python Evenings")
    seeker = UserFactory(email="lupe@people.example")
    sign_in(page, seeker.email)
    page.goto(page.base_url + reverse("trainings:program", args=[cohort.program.slug]))
    note = page.locator(f"#id_note_{cohort.pk}")
    note.fill(NOTE)
    assert note.evaluate("el => [el.value.length, el.validity.tooLong]") == [2000, False]
    page.get_by_role("button", name="Apply for this class").click()
    page.wait_for_url("**" + reverse("trainings:mine"))
    saved = Enrollment.objects.get(seeker=seeker).note
    assert "\r" not in saved and saved.startswith("Nine char\nNine char\n")


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_refused_note_is_marked_on_its_field(page, language):
    cohort = published_cohort(title="Python Evenings")
    seeker = UserFactory(email="lupe@people.example", preferred_language=language)
    sign_in(page, seeker.email)
    page.goto(page.base_url + reverse("trainings:program", args=[cohort.program.slug]))
    # Past the limit (a script, an old browser): the server refuses and says why.
    note = page.locator(f"#id_note_{cohort.pk}")
    note.evaluate("el => { el.removeAttribute('maxlength'); el.value = 'x'.repeat(2001); }")
    page.locator(f"#cohort-{cohort.pk} button[type=submit]").click()
    page.wait_for_load_state()
    error = page.locator(f"#id_note_{cohort.pk}-error")
    assert error.is_visible()
    assert "2001" in error.inner_text()
    assert note.get_attribute("aria-describedby") == f"id_note_{cohort.pk}-error"
    assert note.input_value() == "x" * 2001
    assert axe_violations(page) == []
    assert not Enrollment.objects.exists()
