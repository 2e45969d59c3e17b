"""What browser tests do again and again."""

from tests.factories import PASSWORD


def sign_in(tab, email: str, *, totp_secret: str | None = None) -> None:
    """Sign in through the real form; with `totp_secret`, also the two-step code (staff)."""
    from tests.accounts.test_mfa import current_code

    tab.goto(tab.base_url + "/accounts/login/")
    tab.fill("#id_login", email)
    tab.fill("#id_password", PASSWORD)
    tab.locator("main form button[type=submit]").first.click()
    if totp_secret:
        tab.wait_for_url("**/2fa/authenticate/")
        tab.fill("#id_code", current_code(totp_secret))
        tab.locator("main form button[type=submit]").first.click()
    tab.wait_for_url("**/dashboard/")


def pick_skill(tab, field: str, query: str, slug: str) -> None:
    """Choose a skill in a form's skill picker (skills/_skills_field.html) by searching."""
    from apps.skills.models import Skill

    skill = Skill.objects.get(slug=slug)
    tab.fill(f"#id_{field}-q", query)
    tab.locator(f"label[for='{field}-found-{skill.pk}']").click()
    tab.locator(f"#id_{field} [data-skills-chosen] input[value='{skill.pk}']").wait_for()
