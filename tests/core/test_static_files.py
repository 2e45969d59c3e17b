"""Static files as production serves them: collected into hashed names by whitenoise's
CompressedManifestStaticFilesStorage, sent Brotli- or gzip-compressed as the browser asks,
and cached for good (a new version has a new name)."""

import gzip

import brotli
import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

FOREVER = "max-age=315360000, public, immutable"


PRODUCTION_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The production storage (settings.py with DEBUG off), collected once into a fresh
    folder (compressing takes a while)."""
    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": PRODUCTION_STORAGE}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def collected(settings, static_root):
    """Production's static settings for one test; a new client builds its middleware, so
    WhiteNoise reads the collected folder."""
    settings.STATIC_ROOT = static_root
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STORAGE}
    return static_root


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_hashed_static_files_are_compressed_and_cached_forever(collected):
    client = Client()
    for name in ("dist/uswds.css", "js/components.js", "dist/vendor/htmx/htmx.min.js"):
        hashed = staticfiles_storage.url(name)
        assert hashed != f"/static/{name}", f"{name} has no hashed name"
        original = (collected / staticfiles_storage.stored_name(name)).read_bytes()
        for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
            response = client.get(hashed, HTTP_ACCEPT_ENCODING=f"{encoding}, identity")
            assert response.status_code == 200, hashed
            assert response["Content-Encoding"] == encoding, f"{hashed}: {dict(response.items())}"
            assert response["Cache-Control"] == FOREVER
            assert "Accept-Encoding" in response["Vary"]
            compressed = body(response)
            assert len(compressed) < len(original) / 3 and decompress(compressed) == original
        plain = client.get(hashed)
        assert "Content-Encoding" not in plain and body(plain) == original


def test_fonts_are_cached_forever_and_sent_as_they_are(collected):
    client = Client()
    font = "dist/uswds/fonts/source-sans-pro/sourcesanspro-regular-webfont.woff2"
    response = client.get(staticfiles_storage.url(font), HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200
    assert response["Cache-Control"] == FOREVER
    assert "Content-Encoding" not in response  # woff2 is compressed already


def test_pages_link_the_hashed_files_and_unhashed_names_are_not_cached_for_good(collected):
    client = Client()
    html = client.get(reverse("home")).content.decode()
    for name in ("dist/uswds.css", "css/portal.css", "js/components.js"):
        assert staticfiles_storage.url(name) in html
    # The font preload must name the very file the stylesheet loads, hash included.
    font = "dist/uswds/fonts/source-sans-pro/sourcesanspro-bold-webfont.woff2"
    assert f'<link rel="preload" href="{staticfiles_storage.url(font)}"' in html
    stylesheet = (collected / staticfiles_storage.stored_name("dist/uswds.css")).read_text()
    assert staticfiles_storage.stored_name(font).removeprefix("dist/") in stylesheet
    unhashed = client.get("/static/dist/uswds.css")
    assert unhashed.status_code == 200 and "immutable" not in unhashed["Cache-Control"]
