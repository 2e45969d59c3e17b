import pytest

from apps.seekers.services import profile_for


@pytest.fixture
def private_storage(settings, tmp_path):
    """Resumes go to a temporary folder for the test (the field reads STORAGES when used)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    return tmp_path


@pytest.fixture
def profile(personas):
    return profile_for(personas.seeker)


@pytest.fixture
def seeker_client(client, personas):
    client.force_login(personas.seeker)
    return client
