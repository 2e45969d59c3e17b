"""Headers every response carries, and bodies refused before they are read.

- A response to a signed-in person is `Cache-Control: private, no-store` (a shared
  computer's back button shows nothing of the previous person); anonymous pages and the
  public feed keep their caching and ETag.
- Every page has a Permissions-Policy and no Server banner from Django.
- A body over the portal's limit gets 413 and the portal's page from its Content-Length,
  before anything reads it (apps.core.middleware.RequestSizeLimitMiddleware).
"""

import pytest
from django.conf import settings
from django.urls import reverse

from apps.core.i18n import localized
from apps.partners.services.imports import MAX_BYTES as CSV_MAX_BYTES
from apps.seekers.models import Resume
from apps.seekers.services import MAX_RESUME_BYTES
from tests.factories import PASSWORD, UserFactory
from tests.seekers.helpers import pdf_upload

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


# ---------------------------------------------------------------------------
# Cache-Control
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "page", ["dashboard", "seekers:profile", "accounts:settings", "home", "employers:search"]
)
def test_every_page_for_a_signed_in_person_is_private_and_not_stored(client, personas, page):
    client.force_login(personas.seeker)
    response = client.get(reverse(page))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE
    assert "Expires" not in response


def test_error_pages_and_downloads_for_a_signed_in_person_too(client, personas, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    client.force_login(personas.seeker)
    assert client.get("/no-such-page/")["Cache-Control"] == PRIVATE
    client.post(reverse("seekers:resume"), {"file": pdf_upload()})
    assert client.get(reverse("seekers:resume_download"))["Cache-Control"] == PRIVATE
    # healthz says never cache itself (never_cache); signed in, it says the same in our words.
    assert client.get(reverse("healthz"))["Cache-Control"] == PRIVATE


def test_the_answer_that_signs_someone_in_is_private_too(client):
    UserFactory(email="lupe@people.example")
    response = client.post(
        reverse("account_login"), {"login": "lupe@people.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Cache-Control"] == PRIVATE


def test_anonymous_pages_keep_their_own_caching(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_public_feed_keeps_its_cache_and_etag_for_everyone(client, personas, signed_in):
    """The feed is the same for everyone (no personal data) and says so: public."""
    if signed_in:
        client.force_login(personas.seeker)
    response = client.get(reverse("progress_feed"))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    assert "no-store" not in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(reverse("progress_feed"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


# ---------------------------------------------------------------------------
# Permissions-Policy, Server
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_switches_off_the_browser_features_it_never_uses(client, personas, signed_in):
    if signed_in:
        client.force_login(personas.employer)
    for url in [reverse("home"), reverse("dashboard") if signed_in else "/nowhere/"]:
        policy = client.get(url)["Permissions-Policy"]
        for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
            assert f"{feature}=()" in policy, (url, feature)


def test_django_sends_no_server_banner(client, personas):
    assert "Server" not in client.get(reverse("home"))
    client.force_login(personas.seeker)
    assert "Server" not in client.get(reverse("dashboard"))


# ---------------------------------------------------------------------------
# Bodies over the limit: 413 before anything reads them
# ---------------------------------------------------------------------------
class Untouchable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post_claiming(client, url, length: int, content_type: str):
    return client.generic(
        "POST",
        url,
        b"",
        content_type=content_type,
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Untouchable()},
    )


def test_a_resume_over_the_limit_is_refused_from_its_content_length(client, personas, tmp_path):
    client.force_login(personas.seeker)
    response = post_claiming(
        client,
        reverse("seekers:resume"),
        settings.UPLOAD_MAX_REQUEST_SIZE + 1,
        "multipart/form-data; boundary=----portal",
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "What you sent is too large" in html and "Nothing was saved." in html
    assert response["Cache-Control"] == PRIVATE  # the portal's page, with its headers
    assert "Content-Security-Policy" in response
    assert not Resume.objects.exists()


def test_the_refusal_speaks_the_persons_language(client, personas):
    personas.seeker.preferred_language = "es"
    personas.seeker.save()
    client.force_login(personas.seeker)
    response = post_claiming(
        client,
        localized(reverse("seekers:resume"), "es"),
        50 * 1024 * 1024,
        "multipart/form-data; boundary=x",
    )
    assert response.status_code == 413
    assert "What you sent is too large" not in response.content.decode()
    assert '<html lang="es">' in response.content.decode()


@pytest.mark.parametrize("url", ["account_login", "partners:import_upload", None])
def test_any_address_refuses_a_huge_body_even_before_sign_in_or_csrf(client, url):
    url = reverse(url) if url else "/anything/"
    response = post_claiming(client, url, 1024**3, "multipart/form-data; boundary=x")
    assert response.status_code == 413


def test_a_form_body_over_djangos_limit_is_refused_too(client, personas):
    client.force_login(personas.seeker)
    response = post_claiming(
        client,
        reverse("accounts:settings"),
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1,
        "application/x-www-form-urlencoded",
    )
    assert response.status_code == 413


def test_bodies_within_the_limit_reach_the_view(client, personas, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    client.force_login(personas.seeker)
    response = client.post(reverse("seekers:resume"), {"file": pdf_upload()})
    assert response.status_code == 302
    assert Resume.objects.count() == 1


def test_the_limits_fit_the_files_the_portal_takes():
    assert max(MAX_RESUME_BYTES, CSV_MAX_BYTES) <= settings.UPLOAD_MAX_FILE_SIZE
    assert settings.UPLOAD_MAX_REQUEST_SIZE == (
        settings.UPLOAD_MAX_FILE_SIZE + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )
    # A large upload streams to a temporary file instead of sitting in memory.
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < settings.UPLOAD_MAX_FILE_SIZE
