"""/sitemap.xml: every public page in both languages with alternates; nothing unpublished;
a query count that does not grow with the rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from apps.accounts.models import Organization
from apps.employers.models import Job
from tests.factories import OrganizationFactory
from tests.factories.employers import JobFactory
from tests.factories.partners import EventFactory
from tests.factories.trainings import CohortFactory, ProgramFactory, published_cohort

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SECTIONS = ["pages", "jobs", "trainings", "events", "organizations"]


def _xml(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content, etree.XMLParser(resolve_entities=False))


def entries(client) -> dict[str, dict]:
    """Every <url> of every section: loc → {"lastmod", "alternates": {hreflang: href}}."""
    found = {}
    for section in SECTIONS:
        root = _xml(client.get(reverse("sitemap_section", args=[section])))
        for url in root.findall("s:url", NS):
            loc = url.findtext("s:loc", namespaces=NS)
            assert loc not in found, f"listed twice: {loc}"
            found[loc] = {
                "lastmod": url.findtext("s:lastmod", namespaces=NS),
                "alternates": {
                    link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
                },
            }
    return found


def paths(client) -> set[str]:
    return {loc.removeprefix("http://testserver") for loc in entries(client)}


def test_the_index_lists_a_sitemap_per_section(client):
    root = _xml(client.get("/sitemap.xml"))
    locs = [e.findtext("s:loc", namespaces=NS) for e in root.findall("s:sitemap", NS)]
    assert locs == [f"http://testserver/sitemap-{section}.xml" for section in SECTIONS]


def test_every_page_is_listed_in_both_languages_with_its_alternates(client):
    job = JobFactory()
    listed = entries(client)
    for language in ("en", "es"):
        loc = f"http://testserver/{language}/jobs/{job.slug}/"
        assert listed[loc]["alternates"] == {
            "en": f"http://testserver/en/jobs/{job.slug}/",
            "es": f"http://testserver/es/jobs/{job.slug}/",
            "x-default": f"http://testserver/en/jobs/{job.slug}/",
        }
        assert listed[loc]["lastmod"] == timezone.localtime(job.updated_at).date().isoformat()
    for entry in listed.values():
        assert set(entry["alternates"]) == {"en", "es", "x-default"}
    for name in ["home", "employers:search", "trainings:catalog", "partners:events"]:
        for language in ("en", "es"):
            assert f"http://testserver/{language}{reverse(name)[3:]}" in listed, name


def test_every_listed_page_opens(client):
    JobFactory()
    published_cohort()
    EventFactory()
    for path in paths(client):
        assert client.get(path).status_code == 200, path


def test_jobs_programs_events_and_organizations_that_are_public(client):
    job = JobFactory()
    program = published_cohort().program
    event = EventFactory()
    employer = job.employer
    listed = paths(client)
    for language in ("en", "es"):
        assert f"/{language}/jobs/{job.slug}/" in listed
        assert f"/{language}/trainings/{program.slug}/" in listed
        assert f"/{language}/events/{event.pk}/" in listed
        assert f"/{language}/organizations/{employer.slug}/" in listed
        assert f"/{language}/organizations/{program.provider.slug}/" in listed


def test_drafts_pending_closed_and_past_never_appear(client):
    pending_employer = OrganizationFactory(name="Waiting Co", status=Organization.Status.PENDING)
    hidden_jobs = [
        JobFactory(status="draft"),
        JobFactory(status="pending"),
        JobFactory(status="closed"),
        JobFactory(closes_on=timezone.localdate() - timedelta(days=1)),
        JobFactory(employer=pending_employer),
    ]
    hidden_programs = [ProgramFactory(status="draft"), ProgramFactory(status="archived")]
    pending_provider = OrganizationFactory(
        name="Waiting School", kind="provider", status=Organization.Status.PENDING
    )
    hidden_programs.append(published_cohort(provider=pending_provider, title="Hidden").program)
    hidden_events = [
        EventFactory(status="pending"),
        EventFactory(status="sent_back"),
        EventFactory(status="cancelled"),
        EventFactory(
            starts_at=timezone.now() - timedelta(days=3),
            ends_at=timezone.now() - timedelta(days=3, hours=-2),
        ),
    ]
    board = OrganizationFactory(name="The Board", kind="board")
    rejected = OrganizationFactory(
        name="Refused Co", status=Organization.Status.REJECTED, rejection_reason="Not tech."
    )
    text = "\n".join(paths(client))
    for job in hidden_jobs:
        assert f"/jobs/{job.slug}/" not in text, job.status
    for program in hidden_programs:
        assert f"/trainings/{program.slug}/" not in text, program.status
    for event in hidden_events:
        assert f"/events/{event.pk}/" not in text, event.status
    for organization in (pending_employer, pending_provider, board, rejected):
        assert f"/organizations/{organization.slug}/" not in text, organization.name


def test_a_changed_class_changes_its_programs_lastmod(client):
    cohort = published_cohort()
    later = timezone.now() + timedelta(days=2)
    type(cohort).objects.filter(pk=cohort.pk).update(updated_at=later)
    loc = f"http://testserver/en/trainings/{cohort.program.slug}/"
    assert entries(client)[loc]["lastmod"] == timezone.localtime(later).date().isoformat()


def _rows(n: int):
    for _ in range(n):
        job = JobFactory()
        program = ProgramFactory(status="published", provider__name=f"School {job.pk}")
        CohortFactory(program=program)
        CohortFactory(program=program)
        EventFactory(organization=job.employer)


def _queries(client) -> dict[str, int]:
    counts = {}
    for name, url in [("index", "/sitemap.xml")] + [
        (section, reverse("sitemap_section", args=[section])) for section in SECTIONS
    ]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    return counts


def test_the_query_count_does_not_grow_with_the_rows(client):
    _rows(2)
    small = _queries(client)
    _rows(12)
    assert Job.objects.published().count() == 14
    assert _queries(client) == small
    # One query per section (two on the index: the count and the latest change).
    assert small["index"] <= 2 * len(SECTIONS) and max(small.values()) <= 1 + small["index"]
