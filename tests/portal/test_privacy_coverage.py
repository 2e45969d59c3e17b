"""Every field that points at a person (a foreign key or one-to-one to the user model), and
every file field, is handled by the export and the erasure (apps/<app>/privacy.py) or
listed as exempt with a reason. A new one fails here until someone decides what happens to
it when a person downloads their data or deletes their account."""

from dataclasses import replace

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from apps.portal.privacy import PARTS


def fields_pointing_at_a_person() -> set[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if field.concrete
        and (field.many_to_one or field.one_to_one)
        and field.remote_field.model is user_model
    }


def file_fields() -> set[str]:
    return {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }


def declared(parts, kind: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in parts:
        for key, reason in getattr(part, kind).items():
            assert key not in found, f"{key} is declared twice"
            found[key] = reason
    return found


def uncovered(parts) -> set[str]:
    return (
        fields_pointing_at_a_person()
        - set(declared(parts, "fields"))
        - set(declared(parts, "exempt"))
    )


def test_every_field_pointing_at_a_person_is_handled_or_exempt():
    missing = sorted(uncovered(PARTS))
    assert not missing, (
        "Decide what export and erasure do with these (apps/<app>/privacy.py, PART.fields) "
        "or list them in PART.exempt with the reason:\n" + "\n".join(missing)
    )


def test_every_file_field_is_handled():
    missing = sorted(file_fields() - set(declared(PARTS, "files")))
    assert not missing, "Say how these files are exported and erased:\n" + "\n".join(missing)


def test_nothing_declared_is_stale_and_every_entry_says_why():
    handled = {**declared(PARTS, "fields"), **declared(PARTS, "exempt")}
    assert set(handled) <= fields_pointing_at_a_person(), "not a field pointing at a person"
    assert set(declared(PARTS, "files")) <= file_fields(), "not a file field"
    for key, reason in {**handled, **declared(PARTS, "files")}.items():
        assert len(reason) > 10, f"{key}: say what happens, and why"


def test_each_app_declares_only_its_own_fields():
    for part in PARTS:
        for key in [*part.fields, *part.exempt, *part.files]:
            label = key.split(".", 1)[0]
            assert label == part.app or part.app == "accounts", f"{part.app} declares {key}"


@pytest.mark.parametrize(
    ("app", "field"),
    [
        ("employers", "employers.Application.seeker"),
        ("seekers", "seekers.SeekerProfile.user"),
        ("accounts", "account.EmailAddress.user"),
    ],
)
def test_a_field_nobody_handles_is_caught(app, field):
    parts = [replace(p, fields={}, exempt={}) if p.app == app else p for p in PARTS]
    assert field in uncovered(parts)
