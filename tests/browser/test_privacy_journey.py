"""A person downloads their data and deletes their account in a real browser; staff follow
the audit trail and erase an account on request. Every page passes axe (WCAG 2.1 AA)."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from apps.accounts.models import User
from apps.audit.models import Action, AuditEntry
from apps.core.i18n import localized
from tests.browser.helpers import sign_in
from tests.browser.test_accessibility import axe_violations
from tests.factories import UserFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_seeker_downloads_their_data_then_deletes_the_account(page):
    person = UserFactory(email="marisol@people.example", first_name="Marisol", role="seeker")
    person.preferred_language = "es"
    person.save()
    sign_in(page, person.email)
    page.goto(page.base_url + localized(reverse("accounts:settings"), "es"))
    page.get_by_role("link", name="Sus datos").click()
    page.wait_for_url("**" + localized(reverse("privacy_export"), "es"))
    assert axe_violations(page) == []
    # The download asks to confirm it is them first, then brings them back here.
    page.get_by_test_id("confirm-to-download").click()
    page.wait_for_url("**" + localized(reverse("account_reauthenticate"), "es") + "?next=*")
    assert axe_violations(page) == []
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Confirmar").click()
    page.wait_for_url("**" + localized(reverse("privacy_export"), "es"))
    with page.expect_download() as info:
        page.get_by_test_id("download-my-data").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert json.loads(archive.read("data.json"))["account"]["first_name"] == "Marisol"

    page.get_by_test_id("delete-account-link").click()
    page.wait_for_url("**" + localized(reverse("privacy_delete"), "es"))
    assert page.get_by_text("Esto no se puede deshacer.").is_visible()
    assert axe_violations(page) == []
    page.fill("#id_password", "not my password")
    page.get_by_test_id("confirm-delete-account").click()
    assert page.get_by_text("Esa no es su contraseña. No se eliminó nada.").is_visible()
    assert axe_violations(page) == []
    page.fill("#id_password", "a-long-test-password")
    page.get_by_test_id("confirm-delete-account").click()
    page.wait_for_url(page.base_url + localized(reverse("home"), "es"))
    assert page.get_by_text("Se eliminó su cuenta.").is_visible()
    assert User.objects.get(pk=person.pk).erased_at is not None


def test_staff_follow_the_audit_trail_and_erase_on_request(page):
    secret = generate_totp_secret()
    staff = staff_user(with_mfa=False, email="rosa@borderplex.example")
    TOTP.activate(staff, secret)
    asking = UserFactory(email="asks@people.example", first_name="Tomás", last_name="Ruiz")
    sign_in(page, staff.email, totp_secret=secret)
    page.get_by_role("link", name="Audit", exact=True).click()
    page.wait_for_url("**" + reverse("audit_log"))
    assert axe_violations(page) == []

    page.goto(page.base_url + reverse("staff_people") + "?q=asks@people")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Erase on request").click()
    assert axe_violations(page) == []
    page.fill("#id_email", "asks@people.example")
    page.fill("#id_request_note", "Phone call of Monday")
    page.get_by_test_id("confirm-erase").click()
    page.wait_for_url("**" + reverse("audit_log") + "?person=*")
    assert page.get_by_test_id("audit-entries").get_by_text("Account erased").is_visible()
    assert axe_violations(page) == []
    assert AuditEntry.objects.get(action=Action.ACCOUNT_ERASED).person_id == asking.pk
