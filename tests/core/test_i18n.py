"""English and Spanish everywhere: the switcher, remembered choices, a complete catalog."""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
CATALOG = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"


@pytest.mark.django_db
def test_each_language_has_its_own_address(client):
    english = client.get("/en/")
    assert "Start a tech career in El Paso" in english.content.decode()
    # The address wins over the browser's language.
    spanish = client.get("/es/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = spanish.content.decode()
    assert '<html lang="es">' in html
    assert "Start a tech career in El Paso" not in html
    assert spanish["Content-Language"] == "es"


@pytest.mark.django_db
def test_switching_language_sets_a_cookie_and_returns_to_the_page_in_that_language(client):
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "/en/organizations/?page=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/organizations/?page=1"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert '<html lang="es">' in client.get(response["Location"]).content.decode()
    # The cookie now picks the language of the root.
    assert client.get("/")["Location"] == "/es/"


@pytest.mark.django_db
def test_switching_is_remembered_on_the_account(client, personas):
    client.force_login(personas.seeker)
    client.post(reverse("set_language"), {"language": "es", "next": "/en/dashboard/"})
    personas.seeker.refresh_from_db()
    assert personas.seeker.preferred_language == "es"
    # A new browser (no cookie) still gets Spanish once signed in.
    client.cookies.clear()
    client.force_login(personas.seeker)
    assert client.get("/")["Location"] == "/es/"
    assert '<html lang="es">' in client.get("/es/dashboard/").content.decode()


@pytest.mark.django_db
def test_switching_to_an_unknown_language_is_a_400(client):
    response = client.post(reverse("set_language"), {"language": "fr"})
    assert response.status_code == 400
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_switching_never_redirects_off_site(client):
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/es/"


def _switcher_next(html: str) -> str:
    return re.search(r'name="next" value="([^"]*)"', html).group(1)


@pytest.mark.django_db
def test_the_switcher_returns_to_the_page_it_is_on(client):
    html = client.get("/en/organizations/?page=1").content.decode()
    assert _switcher_next(html) == "/en/organizations/?page=1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "referer,expected",
    [
        ("http://testserver/en/organization/?tab=team", "/en/organization/?tab=team"),
        ("https://evil.example/organization/", "/en/"),
        ("", "/en/"),
    ],
)
def test_after_a_failed_form_the_switcher_returns_to_the_page_of_the_form(
    client, personas, referer, expected
):
    # A refused invitation is shown at its POST-only address; a GET there answers 405.
    client.force_login(personas.employer)
    url = reverse("accounts:invitation_create")
    headers = {"referer": referer} if referer else {}
    response = client.post(url, {"email": "not an address", "language": "en"}, headers=headers)
    assert response.status_code == 400
    assert _switcher_next(response.content.decode()) == expected
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_switching_needs_post(client):
    assert client.get(reverse("set_language"), {"language": "es"}).status_code == 405


def test_spanish_catalog_is_complete():
    catalog = polib.pofile(str(CATALOG))
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert not untranslated, f"Translate these in {CATALOG.name}: {untranslated}"
    assert not fuzzy, f"Review these fuzzy entries: {fuzzy}"
    obsolete = [e.msgid for e in catalog.obsolete_entries()]
    assert not obsolete, f"Remove obsolete entries: {obsolete}"


def test_spanish_placeholders_match_the_english():
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for entry in polib.pofile(str(CATALOG)).translated_entries():
        pairs = (
            [(entry.msgid, entry.msgstr)]
            if not entry.msgid_plural
            else [(entry.msgid_plural, s) for s in entry.msgstr_plural.values()]
        )
        for english, spanish in pairs:
            assert (
                sorted(placeholder.findall(english)) == sorted(placeholder.findall(spanish))
                or entry.msgid_plural
            ), f"placeholders differ: {english!r} → {spanish!r}"


def test_compiled_catalog_matches_its_source():
    """The .mo that `make install` builds carries every entry of the .po."""
    mo_path = CATALOG.with_suffix(".mo")
    assert mo_path.exists(), "run `make install` (manage.py compile_catalogs)"
    compiled = {
        e.msgid: e.msgstr
        for e in polib.mofile(str(mo_path))
        if not e.msgid_plural and e.msgctxt is None
    }
    for entry in polib.pofile(str(CATALOG)).translated_entries():
        if not entry.msgid_plural and entry.msgctxt is None:
            assert compiled.get(entry.msgid) == entry.msgstr, f"stale .mo for {entry.msgid!r}"


def test_catalog_is_up_to_date_with_the_sources(tmp_path):
    """Every translatable string in code and templates is in the catalog (needs GNU gettext)."""
    if not shutil.which("xgettext"):
        if _in_ci():
            pytest.fail("CI must have GNU gettext (xgettext) installed")
        pytest.skip("GNU gettext is not installed: cannot extract strings")
    workdir = Path(tempfile.mkdtemp(dir=tmp_path))
    for item in ["apps", "techhire", "templates", "manage.py"]:
        src = ROOT / item
        (shutil.copytree if src.is_dir() else shutil.copy)(src, workdir / item)
    (workdir / "locale" / "es" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(CATALOG, workdir / "locale" / "es" / "LC_MESSAGES" / "django.po")
    subprocess.run(
        [
            str(Path(__import__("sys").executable)),
            "manage.py",
            "makemessages",
            "--locale",
            "es",
            "--no-obsolete",
        ],
        cwd=workdir,
        check=True,
        capture_output=True,
        env={**__import__("os").environ, "DJANGO_DEBUG": "true", "PYTHONPATH": str(workdir)},
    )
    fresh = polib.pofile(str(workdir / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh.untranslated_entries()]
    assert not missing, f"Run `make messages` and translate: {missing}"


def _in_ci() -> bool:
    import os

    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
