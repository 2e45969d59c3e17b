"""/robots.txt: crawlers read public pages in both languages, nothing private; the sitemap.

Python's robot parser reads path prefixes; the few rules with RFC 9309 wildcards
("/en/jobs/*/match/"), which it takes literally, are read by `wildcard_blocked`."""

import re
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from apps.core.i18n import localized
from tests.access.rules import ENTRANCE, PUBLIC
from tests.factories.employers import JobFactory
from tests.factories.partners import EventFactory
from tests.factories.trainings import published_cohort
from tests.test_access import ACCESS, samples

pytestmark = pytest.mark.django_db


def robots(client) -> tuple[str, RobotFileParser]:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return text, parser


def wildcard_blocked(text: str, url: str) -> bool:
    path = urlsplit(url).path
    for line in text.splitlines():
        name, _colon, rule = line.partition(":")
        rule = rule.strip()
        pattern = re.escape(rule).replace(r"\*", ".*")
        if name.strip().lower() == "disallow" and "*" in rule and re.match(pattern, path):
            return True
    return False


def test_robots_points_at_the_sitemap(client):
    text, _parser = robots(client)
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
    assert client.get("/sitemap.xml").status_code == 200


def test_public_pages_are_open_to_crawlers_in_both_languages(client):
    job = JobFactory()
    program = published_cohort().program
    event = EventFactory()
    text, parser = robots(client)
    pages = [
        reverse("home"),
        reverse("employers:search") + "?q=python",
        reverse("employers:job", args=[job.slug]),
        reverse("trainings:catalog"),
        reverse("trainings:program", args=[program.slug]),
        reverse("partners:events"),
        reverse("partners:event", args=[event.pk]),
        reverse("accounts:directory"),
        reverse("accounts:public", args=[job.employer.slug]),
        reverse("goals:progress"),
        reverse("contact"),
        reverse("progress_feed"),
        reverse("events_feed"),
    ]
    for page in pages:
        for language in ("en", "es"):
            url = "http://testserver" + localized(page, language)
            assert parser.can_fetch("Googlebot", url) and not wildcard_blocked(text, url), url


def test_private_areas_are_closed_to_crawlers_in_both_languages(client, personas):
    """Every address the access sweep does not call public, and the entrance forms."""
    text, parser = robots(client)
    kwargs_of = samples(personas)
    checked = 0
    for name, rule in ACCESS.items():
        if rule.who == PUBLIC and name not in ("set_language", "unsubscribe"):
            continue
        if "GET" not in rule.methods and rule.who != ENTRANCE:
            continue  # crawlers only read; a POST-only address has nothing to index
        kwargs = kwargs_of[rule.kwargs] if rule.kwargs else {}
        for language in ("en", "es"):
            with translation.override(language):
                url = "http://testserver" + reverse(name, kwargs=kwargs)
            blocked = not parser.can_fetch("Googlebot", url) or wildcard_blocked(text, url)
            assert blocked, f"{name}: {url}"
            checked += 1
    assert checked > 100


def test_the_admin_path_is_not_given_away(client):
    text, _parser = robots(client)
    assert settings.ADMIN_URL.strip("/") not in text
