import pytest
from django.core.files.storage import storages

from apps.seekers.models import Resume
from apps.seekers.services import profile_for


@pytest.fixture
def private_storage(settings, tmp_path, monkeypatch):
    """Resumes go to a temporary folder for the test.

    A FileField calls its storage callable once, when models load, so overriding STORAGES
    alone would not reach it: the field is pointed at the overridden storage too.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    monkeypatch.setattr(Resume._meta.get_field("file"), "storage", storages["private"])
    return tmp_path


@pytest.fixture
def profile(personas):
    return profile_for(personas.seeker)


@pytest.fixture
def seeker_client(client, personas):
    client.force_login(personas.seeker)
    return client
