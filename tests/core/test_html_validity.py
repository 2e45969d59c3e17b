"""Every main page is valid HTML in both languages, by the Nu HTML checker (the W3C's
validator, `vnu-jar` from npm, run on Debian's Java).

All pages go to one checker run (one JVM start, ~10 s). On a laptop without Java the test
skips with a loud notice; in CI (CI=true) a missing Java is a failure: .ci/run installs it.
"""

import json
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories.employers import JobFactory
from tests.factories.partners import EventFactory
from tests.factories.pipeline import application, profile_for
from tests.factories.trainings import published_cohort

pytestmark = pytest.mark.django_db

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A page the checker must fault: proves it runs and reads the files it is given.
INVALID = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><form hx-get="/">'


def _java() -> str:
    java = shutil.which("java")
    if java and VNU.is_file():
        return java
    missing = "Java (Debian: apt-get install default-jre-headless)" if not java else str(VNU)
    message = (
        f"\n{'!' * 70}\nHTML VALIDATION SKIPPED: no {missing}.\n"
        "Install it (npm ci brings vnu-jar) to check the pages with the Nu HTML checker.\n"
        f"{'!' * 70}"
    )
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI needs {missing} for the Nu HTML checker{message}")
    warnings.warn(message, stacklevel=2)
    print(message)
    pytest.skip(message)


def _client(user, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        client.force_login(user)
    return client


def _pages(personas) -> list[tuple[str, object, str, dict]]:
    """(page name, who asks, URL name, kwargs)."""
    job = JobFactory(employer=personas.orgs.employer, title="Help Desk Analyst")
    applicant = profile_for(personas.seeker).user
    application(job, applicant)
    program = published_cohort(title="Cloud Support Evenings").program
    event = EventFactory(organization=personas.orgs.partner, title="Hiring fair")
    return [
        ("home", None, "home", {}),
        ("job-search", None, "employers:search", {}),
        ("job", None, "employers:job", {"slug": job.slug}),
        ("catalog", None, "trainings:catalog", {}),
        ("program", None, "trainings:program", {"slug": program.slug}),
        ("events", None, "partners:events", {}),
        ("event", None, "partners:event", {"pk": event.pk}),
        ("progress", None, "goals:progress", {}),
        ("contact", None, "contact", {}),
        ("sign-in", None, "account_login", {}),
        ("sign-up", None, "account_signup", {}),
        ("seeker-dashboard", personas.seeker, "dashboard", {}),
        ("seeker-profile", personas.seeker, "seekers:profile", {}),
        ("my-applications", personas.seeker, "employers:my_applications", {}),
        ("employer-jobs", personas.employer, "employers:jobs", {}),
        ("employer-pipeline", personas.employer, "employers:pipeline", {"pk": job.pk}),
        ("staff-dashboard", personas.staff, "dashboard", {}),
        ("goal-dashboard", personas.staff, "goals:dashboard", {}),
        ("notifications", personas.seeker, "notifications:inbox", {}),
    ]


def test_main_pages_are_valid_html_in_both_languages(personas, tmp_path):
    java = _java()
    files, pages = [], _pages(personas)
    for language in ("en", "es"):
        for name, user, url_name, kwargs in pages:
            with translation.override(language):
                url = reverse(url_name, kwargs=kwargs)
            response = _client(user, language).get(url, follow=True)
            assert response.status_code == 200, f"{url} ({language}): {response.status_code}"
            html = response.content.decode()
            assert f'<html lang="{language}"' in html, f"{url} is not in {language}"
            path = tmp_path / f"{language}-{name}.html"
            path.write_text(html)
            files.append(path)
    canary = tmp_path / "canary-invalid.html"
    canary.write_text(INVALID)

    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always"]
        + [str(path) for path in [*files, canary]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    problems: dict[str, list[str]] = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error", "fatal"):
            page = Path(message.get("url", "?")).name
            where = f"line {message.get('lastLine', '?')}: " if "lastLine" in message else ""
            problems.setdefault(page, []).append(where + message["message"])

    assert "canary-invalid.html" in problems, f"the checker did not run: {run.stderr[:500]}"
    problems.pop("canary-invalid.html")
    assert not problems, "Nu HTML checker errors:\n" + "\n".join(
        f"{page}: {text}" for page, texts in sorted(problems.items()) for text in texts
    )
