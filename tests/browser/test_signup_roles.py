"""Each home-page button opens sign-up with its own role chosen (issue 11, item 4)."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("button", "role"),
    [
        ("Register your company", "employer"),
        ("List your programs", "provider"),
        ("Join as a partner", "partner"),
    ],
)
def test_each_home_button_preselects_its_role(page, button, role):
    page.goto(page.base_url + "/")
    page.get_by_role("link", name=button).click()
    page.wait_for_url(re.compile(r"/accounts/signup/"))
    assert page.locator(f'input[name="account_type"][value="{role}"]').is_checked()
    assert page.locator("#id_organization_name").is_visible()


def test_sign_up_to_find_work_keeps_the_seeker_choice(page):
    page.goto(page.base_url + "/")
    page.get_by_role("link", name="Sign up to find work").click()
    page.wait_for_url(re.compile(r"/accounts/signup/"))
    assert page.locator('input[name="account_type"][value="seeker"]').is_checked()
    assert page.locator("#id_organization_name").is_hidden()
