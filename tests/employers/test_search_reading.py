"""Issue 12, how the search reads: ranked tiers whether listed or walked, pages that continue
without repeats, sorts over every match, counts that stop at the cap, the planner settings
of each statement, cards cached by row and language, and facet counts recounted by a task
instead of a request."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Organization
from apps.core import cached, search
from apps.core.i18n import localized
from apps.employers import selectors, tasks
from apps.employers.models import Job
from apps.employers.services.jobs import refresh_search_of
from apps.employers.signals import job_published
from apps.skills.models import Skill
from tests.factories.employers import JobFactory
from tests.search_results import result_titles

pytestmark = pytest.mark.django_db

SEARCH = reverse("employers:search")


def titles(response) -> list[str]:
    return result_titles(response)


def open_jobs(titles_and_skills, *, description="Work with us.") -> list[Job]:
    """Open jobs, the first the newest."""
    now = timezone.now()
    return [
        JobFactory(
            title=title,
            required_skills=skills,
            description=description,
            published_at=now - timedelta(minutes=i),
        )
        for i, (title, skills) in enumerate(titles_and_skills)
    ]


@pytest.fixture
def tiers():
    """Python in every tier: the exact title, titles, skills, text — newest first in each."""
    open_jobs([("Network Technician", ["linux"])], description="Some python scripts.")
    open_jobs([("Data Clerk", ["python"]), ("Records Clerk", ["python"])])
    open_jobs([("Senior Python Developer", ["git"]), ("Python Tutor", ["git"])])
    open_jobs([("Python", ["git"])])
    return ["Python", "Senior Python Developer", "Python Tutor", "Data Clerk", "Records Clerk"]


@pytest.mark.parametrize("common_above", [300, 1, 0])
def test_tiers_rank_the_same_listed_or_walked(client, tiers, monkeypatch, common_above):
    """A document matched by more than LIST_CAP rows has its tier walked, not listed."""
    monkeypatch.setattr(search, "LIST_CAP", common_above)
    found = titles(client.get(SEARCH, {"q": "python"}))
    assert found == [*tiers, "Network Technician"]


def test_pages_continue_across_tiers_without_repeats(client, monkeypatch):
    monkeypatch.setattr(search, "LIST_CAP", 3)
    open_jobs([(f"Helper {i}", ["python"]) for i in range(15)])
    open_jobs([(f"Python Coder {i}", ["git"]) for i in range(15)])
    first = titles(client.get(SEARCH, {"q": "python"}))
    second = titles(client.get(SEARCH, {"q": "python", "page": 2}))
    assert first == [f"Python Coder {i}" for i in range(15)] + [f"Helper {i}" for i in range(5)]
    assert second == [f"Helper {i}" for i in range(5, 15)]


@pytest.mark.parametrize("common_above", [300, 0])
def test_pay_and_newest_sort_every_match(client, monkeypatch, common_above):
    monkeypatch.setattr(search, "LIST_CAP", common_above)
    now = timezone.now()
    for i, (title, pay) in enumerate([("Welder A", 20), ("Welder B", 40), ("Welder C", 30)]):
        JobFactory(
            title=title,
            pay_min=pay,
            pay_max=pay,
            pay_unit="hour",
            published_at=now - timedelta(days=i),
        )
    JobFactory(title="Gardener", pay_min=90, pay_max=90, pay_unit="hour")
    assert titles(client.get(SEARCH, {"q": "welder", "sort": "pay"})) == [
        "Welder B",
        "Welder C",
        "Welder A",
    ]
    assert titles(client.get(SEARCH, {"q": "welder", "sort": "newest"})) == [
        "Welder A",
        "Welder B",
        "Welder C",
    ]


def test_a_skill_filter_reads_from_the_skill_and_still_ranks(client, tiers):
    python = Skill.objects.get(slug="python")
    found = titles(client.get(SEARCH, {"q": "clerk", "skill": python.pk}))
    assert found == ["Data Clerk", "Records Clerk"]


def test_the_count_stops_at_the_cap(client, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CAP", 4)
    open_jobs([(f"Python role {i}", []) for i in range(6)])
    hits = selectors.job_search(selectors.JobFilters(q="python"))
    assert (hits.count(), hits.more, len(hits.ids)) == (4, True, 4)
    hits = selectors.job_search(selectors.JobFilters())
    assert (hits.count(), hits.more) == (4, True)
    html = client.get(SEARCH, {"q": "python"}).content.decode()
    assert "4+ open jobs" in html and "The pages show the first 4." in html


def test_a_job_of_an_employer_no_longer_approved_leaves_the_search(client):
    job = JobFactory(title="Python Developer")
    assert titles(client.get(SEARCH, {"q": "python"})) == ["Python Developer"]
    # As the services do, the change moves updated_at (the cached results' version).
    Organization.objects.filter(pk=job.employer_id).update(
        status=Organization.Status.PENDING, updated_at=timezone.now()
    )
    assert titles(client.get(SEARCH, {"q": "python"})) == []
    assert titles(client.get(SEARCH)) == []


def statements(client, params) -> list[str]:
    """The statements of a search asked for the first time (the facets counted and the
    cards rendered already): a parameter the page ignores makes it new to the results
    cache."""
    client.get(SEARCH, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SEARCH, {**params, "first-time": "yes"}).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_matches_are_listed_through_the_gin_indexes_and_pages_walk_index_scans(
    client, tiers, monkeypatch
):
    monkeypatch.setattr(search, "LIST_CAP", 1)  # every tier common: walked
    found = statements(client, {"q": "python"})
    listing = next(sql for sql in found if "array_agg" in sql)
    page = next(sql for sql in found if "unnest" in sql)
    # The lists: tables read through their GIN indexes (no table scan), without JIT.
    assert listing.startswith(search.NO_TABLE_SCANS[0]) and "array_agg" in listing
    assert 'FROM (SELECT * FROM "employers_job" WHERE "employers_job"."title_vector" @@' in (
        listing
    )
    # The page: walks with index scans only.
    assert page.startswith(search.WALKS_ONLY[0]) and "row_number() OVER" in page
    # Both leave the planner as they found it.
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_bitmapscan")
        assert cursor.fetchone()[0] == "on"


def test_a_failing_statement_leaves_no_planner_setting_behind():
    """SET, SELECT and RESET go in one round trip, which PostgreSQL runs as one transaction
    (or inside the caller's): an error undoes the SETs with the rest."""
    with pytest.raises(DataError), transaction.atomic():
        search._rows("SELECT 1 / 0", [], settings=search.WALKS_ONLY)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_bitmapscan")
        assert cursor.fetchone()[0] == "on"


# ---------------------------------------------------------------------------
# Cards: cached by row and language
# ---------------------------------------------------------------------------
def test_cards_come_from_the_cache_and_follow_edits(client):
    job = JobFactory(title="Python Developer", pay_min=20, pay_max=25, pay_unit="hour")
    assert "Python Developer" in client.get(SEARCH).content.decode()
    with CaptureQueriesContext(connection) as warm:
        html = client.get(SEARCH).content.decode()
    assert "Python Developer" in html
    # Only the cards' keys are read: no job is loaded to render a card.
    assert not any("employers_job_required_skills" in q["sql"] for q in warm.captured_queries)
    # An edit makes a new card, the employer's new name too.
    Job.objects.filter(pk=job.pk).update(title="Python Engineer", updated_at=timezone.now())
    job.employer.name = "Borderplex Bytes"
    job.employer.save()
    html = client.get(SEARCH).content.decode()
    assert "Python Engineer" in html and "Borderplex Bytes" in html


def test_a_skill_renamed_reaches_the_cached_cards(client):
    JobFactory(title="Office Helper", required_skills=["git"])
    assert ">Git<" in client.get(SEARCH).content.decode()
    skill = Skill.objects.get(slug="git")
    skill.name_en = "Git version control"
    skill.save()  # the jobs naming it are refreshed, updated_at with them
    assert ">Git version control<" in client.get(SEARCH).content.decode()


def test_cards_are_cached_per_language(client):
    JobFactory(title="Python Developer", work_setting="remote")
    english = client.get(SEARCH).content.decode()
    spanish = client.get(localized(SEARCH, "es")).content.decode()
    assert "· Remote" in english and "· Remoto" in spanish and "· Remote" not in spanish


# ---------------------------------------------------------------------------
# Facets: counted by a task, never by a request (but the first)
# ---------------------------------------------------------------------------
def test_requests_read_facets_from_the_cache_only(client):
    JobFactory(title="Python Developer", required_skills=["python"])
    client.get(SEARCH)  # a cold start counts once
    with CaptureQueriesContext(connection) as queries:
        client.get(SEARCH)
    assert not any(
        "COUNT(" in q["sql"].upper() and "skill_id" in q["sql"] for q in queries.captured_queries
    )


def test_a_burst_of_publications_schedules_one_recount(django_capture_on_commit_callbacks):
    cache.delete(tasks.FACETS_FLAG)
    for i in range(3):
        JobFactory(title=f"Role {i}", status="draft")
    with (
        mock.patch.object(tasks.refresh_search_facets, "apply_async") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for job in Job.objects.filter(title__startswith="Role "):
            job_published.send(sender=Job, job_id=job.pk)
    assert enqueue.call_count == 1
    # The task clears the flag before counting: the next event schedules again.
    tasks.refresh_search_facets.apply()
    assert cached.schedule_once(tasks.FACETS_FLAG, tasks.refresh_search_facets, countdown=0)


def test_the_recount_task_stores_what_a_recount_finds():
    JobFactory(title="Python Developer", required_skills=["python"])
    cache.set(selectors.FACETS_KEY, {"stale": True}, None)
    tasks.refresh_search_facets.apply()
    python = Skill.objects.get(slug="python")
    assert selectors.search_choices()["skill_counts"] == {python.pk: 1}


def test_documents_are_rebuilt_for_every_tier(client):
    job = JobFactory(title="Office Helper", required_skills=["git"])
    Job.objects.filter(pk=job.pk).update(title_vector=None, head_vector=None, search_vector=None)
    assert titles(client.get(SEARCH, {"q": "office"})) == []
    refresh_search_of(Job.objects.filter(pk=job.pk))
    assert titles(client.get(SEARCH, {"q": "office"})) == ["Office Helper"]
    assert titles(client.get(SEARCH, {"q": "git"})) == ["Office Helper"]
