"""Every kind renders in English and Spanish, with nothing left untranslated."""

import re

import pytest

from apps.core.emails import render_email
from apps.notifications.kinds import TEMPLATE_KINDS
from tests.notifications.helpers import CONTEXTS


@pytest.mark.parametrize(
    "status", ["reviewing", "interview", "offer", "hired", "rejected", "withdrawn"]
)
def test_every_application_status_has_its_own_words(status):
    context = {**COMMON, **CONTEXTS["application_status"], "status": status}
    english = render_email("application_status", context, "en")
    spanish = render_email("application_status", context, "es")
    assert "Help Desk Technician" in english[1]
    assert english[1] != spanish[1]


def test_application_status_subjects_say_what_happened():
    """The inbox lists subjects: four alike rows for one job would hide the news."""
    subjects = {
        status: render_email(
            "application_status",
            {**COMMON, **CONTEXTS["application_status"], "status": status},
            "es",
        )[0]
        for status in ["reviewing", "interview", "offer", "hired"]
    }
    assert len(set(subjects.values())) == 4
    assert all("Help Desk Technician" in subject for subject in subjects.values())


@pytest.mark.parametrize("status", ["accepted", "declined", "enrolled", "completed", "withdrawn"])
def test_every_enrollment_status_has_its_own_words(status):
    context = {**COMMON, **CONTEXTS["enrollment_status"], "status": status}
    english = render_email("enrollment_status", context, "en")
    spanish = render_email("enrollment_status", context, "es")
    assert "Python Evenings" in english[1]
    assert english[0] != spanish[0] and english[1] != spanish[1]


COMMON = {
    "name": "Lupe",
    "email": "lupe@people.example",
    "unsubscribe_url": "https://portal.example/notifications/unsubscribe/t/",
    "preferences_url": "https://portal.example/notifications/preferences/",
    "has_account": True,
}
KEEP = re.compile(
    r"https?://\S+|Reboot El Paso|Workforce Solutions Borderplex|Desert Data|Sun City"
)


def test_every_kind_has_a_context_here():
    assert set(CONTEXTS) == set(TEMPLATE_KINDS)


def _words(text: str, context: dict) -> list[str]:
    """Lines of prose, without URLs, names and the context's own values (user content)."""
    for value in context.values():
        if isinstance(value, str):
            text = text.replace(value, "")
    lines = [KEEP.sub("", line).strip(" -:,.") for line in text.splitlines()]
    return [line for line in lines if len(line) > 12]


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_kind_renders_in_both_languages_without_english_left_in_spanish(kind):
    context = {**COMMON, **CONTEXTS[kind]}
    subject_en, text_en, html_en = render_email(kind, context, "en")
    subject_es, text_es, html_es = render_email(kind, context, "es")
    assert subject_en and text_en and html_en
    assert subject_es != subject_en
    leftover = [line for line in _words(text_en, context) if line in text_es]
    assert not leftover, f"untranslated in {kind}: {leftover}"
    assert 'lang="es"' in html_es and 'lang="en"' in html_en
    assert COMMON["unsubscribe_url"] in text_es and COMMON["unsubscribe_url"] in html_es
