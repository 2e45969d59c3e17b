"""The pages issue #16 added, checked with axe-core in a real Chromium: the page a team sees
when its organization is not approved (both languages), and "Where you are signed in"."""

import pytest
from django.urls import reverse

from apps.accounts.services import reject_organization
from apps.core.i18n import localized
from tests.browser.helpers import sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_approval_withdrawn_page_has_no_axe_violations(page, personas, language):
    reject_organization(
        organization=personas.orgs.employer, reviewer=personas.staff, reason="Under review."
    )
    personas.employer.preferred_language = language
    personas.employer.save()
    sign_in(page, personas.employer.email)
    page.goto(page.base_url + localized(reverse("employers:talent"), language))
    assert page.locator("[data-testid=not-approved]").get_attribute("data-status") == "withdrawn"
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []


def test_where_you_are_signed_in_has_no_axe_violations(page, personas):
    sign_in(page, personas.seeker.email)
    page.goto(page.base_url + reverse("usersessions_list"))
    assert page.locator("[data-testid=current-session]").count() == 1
    assert axe_violations(page) == []
