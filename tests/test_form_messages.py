"""Every required field of the portal's forms says what to do when left empty (“Give the job
a title.”), in English and Spanish, instead of Django's “This field is required.”"""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
GENERIC = {"en": "This field is required.", "es": "Este campo es obligatorio."}
# allauth's own fields, removed (username: the email is the login) or given their message
# when the form is made (tests/accounts/test_signup.py).
SET_AT_RUN_TIME = {"SignupForm.username", "SignupForm.email"}


def form_classes():
    for path in sorted(ROOT.glob("apps/*/forms*.py")):
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, forms.BaseForm):
                yield name, cls


def test_the_sweep_finds_the_forms():
    names = {name for name, _cls in form_classes()}
    assert {"JobForm", "ProgramForm", "ReferralForm", "EventForm", "GoalForm"} <= names
    assert "OrganizationProfileForm" in names


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_required_field_says_what_to_do(language):
    generic = []
    with translation.override(language):
        for name, cls in form_classes():
            for field_name, field in cls.base_fields.items():
                key = f"{name}.{field_name}"
                if field.required and key not in SET_AT_RUN_TIME:
                    message = str(field.error_messages["required"])
                    if message == GENERIC[language]:
                        generic.append(key)
    assert generic == []


def test_the_notification_choices_say_what_to_do():
    from apps.notifications.forms import PreferencesForm

    for language, message in [
        ("en", "Choose how you want to hear about this."),
        ("es", "Elija cómo quiere enterarse de esto."),
    ]:
        with translation.override(language):
            form = PreferencesForm(
                data={}, initial_choices={"applications": "instant"}, categories=["applications"]
            )
            assert form.errors["applications"] == [message]
