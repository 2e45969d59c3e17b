"""Issue 12, the cached results of the public searches (core.fragments.cached_block): a
search asked again is read from the cache in one statement, and every change people make
through the portal — a job published, edited or closed, an employer renamed or no longer
approved, a program archived, a class moved — shows at once. The filters' HTML is cached
beside it and follows the facets and the request."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from apps.accounts import services as accounts_services
from apps.accounts.models import Organization
from apps.core.i18n import localized
from apps.employers import selectors, tasks
from apps.employers.models import JobStatus
from apps.employers.services import jobs as job_services
from apps.skills.models import Skill
from apps.trainings import services as training_services
from apps.trainings.models import ProgramStatus
from tests.factories.employers import JobFactory
from tests.factories.trainings import published_cohort
from tests.search_results import result_titles

pytestmark = pytest.mark.django_db

SEARCH = reverse("employers:search")
CATALOG = reverse("trainings:catalog")


def statements(client, path, params=None) -> list[str]:
    """The SQL of one request."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params or {}).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("jobs", [3, 30])
def test_a_search_asked_again_reads_one_statement_whatever_the_size(client, jobs):
    for n in range(jobs):
        JobFactory(title=f"Python Developer {n:02}")
    params = {"q": "python", "page": "2"}
    with CaptureQueriesContext(connection) as first:
        searched = client.get(SEARCH, params)
    with CaptureQueriesContext(connection) as again:
        cached = client.get(SEARCH, params)
    # The first one searched; the second reads the data's version and nothing else, and
    # shows the same page of results.
    assert len(first.captured_queries) > 1 and len(again.captured_queries) == 1
    assert "max(updated_at)" in again.captured_queries[0]["sql"]
    assert result_titles(cached) == result_titles(searched) != []


def test_a_job_published_edited_and_closed_shows_at_once(client, personas):
    JobFactory(title="Help Desk Analyst")
    assert result_titles(client.get(SEARCH, {"q": "analyst"})) == ["Help Desk Analyst"]
    waiting = JobFactory(
        title="Data Analyst", status=JobStatus.PENDING, employer=personas.orgs.employer
    )
    assert result_titles(client.get(SEARCH, {"q": "analyst"})) == ["Help Desk Analyst"]

    job_services.approve_job(job=waiting, reviewer=personas.staff)
    assert sorted(result_titles(client.get(SEARCH, {"q": "analyst"}))) == [
        "Data Analyst",
        "Help Desk Analyst",
    ]

    # An edit sends it back to review (off the search); approved, it shows its new title.
    waiting.refresh_from_db()
    job_services.save_job(
        employer=waiting.employer,
        job=waiting,
        data={"title": "Data Analyst (SQL)"},
        required_skills=list(waiting.required_skills.all()),
        preferred_skills=[],
        actor=personas.employer,
    )
    assert result_titles(client.get(SEARCH, {"q": "analyst"})) == ["Help Desk Analyst"]
    job_services.approve_job(job=waiting, reviewer=personas.staff)
    assert "Data Analyst (SQL)" in result_titles(client.get(SEARCH, {"q": "analyst"}))

    job_services.close_job(job=waiting)
    assert result_titles(client.get(SEARCH, {"q": "analyst"})) == ["Help Desk Analyst"]


def test_an_employer_renamed_or_no_longer_approved_shows_at_once(client, personas):
    JobFactory(title="Python Developer", employer=personas.orgs.employer)
    assert "Sun City Software" in client.get(SEARCH).content.decode()
    Organization.objects.filter(pk=personas.orgs.employer.pk).update(
        name="Sun City Bytes", updated_at=timezone.now()
    )
    assert "Sun City Bytes" in client.get(SEARCH).content.decode()
    accounts_services.reject_organization(
        organization=personas.orgs.employer, reviewer=personas.staff, reason="Not a company."
    )
    assert result_titles(client.get(SEARCH)) == []


def test_the_version_changes_with_the_day(monkeypatch):
    JobFactory()
    today = selectors.search_version()
    assert selectors.search_version() == today
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert selectors.search_version() != today


def test_results_are_cached_per_language(client):
    JobFactory(title="Python Developer")
    english = client.get(SEARCH).content.decode()
    spanish = client.get(localized(SEARCH, "es")).content.decode()
    assert "1 open job" in english
    assert "1 empleo abierto" in spanish and "1 open job" not in spanish


def test_the_htmx_partial_and_the_page_show_the_same_cached_results(client):
    JobFactory(title="Python Developer")
    page = client.get(SEARCH, {"q": "python"})
    partial = client.get(SEARCH, {"q": "python"}, headers={"HX-Request": "true"})
    assert result_titles(partial) == result_titles(page) == ["Python Developer"]
    assert "<html" not in partial.text
    assert partial.headers["HX-Push-Url"] == f"{SEARCH}?q=python"


def test_the_cached_filters_follow_the_request_and_the_facets(client):
    JobFactory(title="Python Developer", required_skills=["python"])
    python = Skill.objects.get(slug="python")
    assert "selected>Python (1)" in client.get(SEARCH, {"skill": python.pk}).text
    # Another request: nothing selected, the same facets.
    plain = client.get(SEARCH).text
    assert ">Python (1)" in plain and "selected>Python" not in plain
    # A recount (a task, after job_published) reaches the cached filters.
    JobFactory(title="Senior Python Developer", required_skills=["python"])
    tasks.refresh_search_facets()
    assert ">Python (2)" in client.get(SEARCH).text


def test_best_match_for_a_seeker_is_never_read_from_the_shared_cache(client, personas):
    JobFactory(title="Python Developer")
    client.get(SEARCH, {"q": "python"})  # cached for everyone
    client.force_login(personas.seeker)
    mine = statements(client, SEARCH, {"q": "python", "sort": "fit"})
    assert any("employers_job" in sql and "max(" not in sql for sql in mine)


def test_a_catalog_search_asked_again_reads_one_statement_and_follows_changes(client):
    cohort = published_cohort(title="Python Evenings")
    assert result_titles(client.get(CATALOG, {"q": "python"})) == ["Python Evenings"]
    again = statements(client, CATALOG, {"q": "python"})
    assert len(again) == 1 and "trainings_cohort" in again[0]

    # A class moved: the card's next start follows.
    later = cohort.start_date + timedelta(days=40)
    training_services.save_cohort(
        program=cohort.program,
        cohort=cohort,
        data={
            "start_date": later,
            "end_date": later + timedelta(days=60),
            "enrollment_deadline": later - timedelta(days=3),
        },
    )
    assert date_format(later, "DATE_FORMAT") in client.get(CATALOG, {"q": "python"}).text

    training_services.set_program_status(program=cohort.program, status=ProgramStatus.ARCHIVED)
    assert result_titles(client.get(CATALOG, {"q": "python"})) == []
