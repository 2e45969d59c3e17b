"""A partner refers a person in Spanish; the person signs up through the invitation; the
partner sees each stage as it happens — in a real Chromium."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.employers.services.hires import verify_hire
from apps.partners.models import Referral
from apps.trainings.models import EnrollmentStatus
from apps.trainings.services import change_status
from tests.browser.helpers import sign_in
from tests.factories.employers import HireFactory
from tests.factories.trainings import EnrollmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def spanish(text: str) -> str:
    with translation.override("es"):
        return gettext(text)


def stage_shown(page, referral) -> str:
    page.goto(page.base_url + reverse("partners:referral", args=[referral.pk]))
    return page.get_by_test_id("stage").text_content().strip()


def test_a_spanish_referral_followed_to_a_hire(page, personas):
    sign_in(page, personas.partner.email)
    page.goto(page.base_url + reverse("partners:refer"))
    page.fill("#id_name", "Lupita Hernández")
    page.fill("#id_email", "lupita@people.example")
    page.select_option("#id_language", "es")
    page.fill("#id_note", "Le va a encantar el programa de soporte técnico.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/partner/referrals/\d+/$"))
    referral = Referral.objects.get()
    assert stage_shown(page, referral) == "Invited"

    invitation = next(m for m in mail.outbox if m.to == ["lupita@people.example"])
    assert spanish("Create your free account") in invitation.body
    link = re.search(r"https?://\S+/referred/\S+/", invitation.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    page.context.clear_cookies()  # the partner's browser becomes the person's
    page.goto(page.base_url + path)
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Progress 321" in page.locator("h1").inner_text()
    page.get_by_role("link", name=spanish("Create your account")).click()
    page.wait_for_url(re.compile(r"/accounts/signup/$"))
    page.fill("#id_first_name", "Lupita")
    page.fill("#id_last_name", "Hernández")
    page.fill("#id_email", "lupita@people.example")
    page.fill("#id_password1", "Frontera-Digital-2020")
    page.fill("#id_password2", "Frontera-Digital-2020")
    page.locator("form.usa-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    person = User.objects.get(email="lupita@people.example")
    assert person.preferred_language == "es"
    referral.refresh_from_db()
    assert referral.person == person

    page.context.clear_cookies()
    sign_in(page, personas.partner.email)
    assert stage_shown(page, referral) == "Registered"

    enrollment = EnrollmentFactory(
        seeker=person,
        status=EnrollmentStatus.ENROLLED,
        cohort__start_date=timezone.localdate() - timedelta(days=90),
    )
    change_status(
        enrollment=enrollment, to=EnrollmentStatus.COMPLETED, actor=None, credential_earned=True
    )
    assert stage_shown(page, referral) == "Completed training"

    verify_hire(hire=HireFactory(seeker=person), reviewer=personas.staff)
    assert stage_shown(page, referral) == "Hired"
    page.goto(page.base_url + reverse("partners:dashboard"))
    assert page.get_by_test_id("hires-credited").inner_text() == "1"
