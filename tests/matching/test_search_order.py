"""The job search's "Best match for you" order, which matching adds to employers' search."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.i18n import localized
from apps.matching import scoring, selectors
from tests.factories.employers import JobFactory

from .helpers import seeker_with

pytestmark = pytest.mark.django_db

SEARCH = reverse("employers:search")
OPTION = 'value="fit"'


@pytest.fixture
def seeker():
    return seeker_with(
        ["python", "git", "sql"],
        verified=["python"],
        targets=["15-1232"],
        email="fit@people.example",
    )


@pytest.fixture
def jobs():
    """Titled by how well they fit the seeker above, newest (the search's order) last."""
    return {
        "nothing": JobFactory(title="Java Developer", required_skills=["java"]),
        "half": JobFactory(title="Data Clerk", required_skills=["sql", "java"]),
        "most": JobFactory(title="Support Analyst", required_skills=["python", "git", "linux"]),
        "all": JobFactory(title="Python Technician", required_skills=["python", "git", "sql"]),
    }


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="usa-card__heading"><a[^>]*>([^<]+)</a>', html)


def bands(html: str) -> list[str]:
    return re.findall(r'data-testid="match-band">([^<]+)<', html)


@pytest.mark.parametrize(
    "who", ["visitor", "employer", "provider", "partner", "staff", "seeker_without_skills"]
)
def test_only_seekers_with_skills_are_offered_it(client, personas, jobs, who):
    if who != "visitor":
        client.force_login(
            personas.seeker if who == "seeker_without_skills" else getattr(personas, who)
        )
    page = client.get(SEARCH).content.decode()
    assert OPTION not in page
    # Asked for anyway (a shared address): ignored, the usual order, no bands.
    response = client.get(SEARCH, {"sort": "fit"})
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == titles(client.get(SEARCH).content.decode())
    assert not bands(html)


def test_a_seeker_with_skills_sorts_by_fit_with_bands(client, seeker, jobs):
    client.force_login(seeker.user)
    page = client.get(SEARCH).content.decode()
    assert OPTION in page and "Best match for you" in page
    assert f"{OPTION} selected" not in page  # offered, not the default
    html = client.get(SEARCH, {"sort": "fit"}).content.decode()
    assert f"{OPTION} selected" in html
    assert titles(html) == ["Python Technician", "Support Analyst", "Data Clerk", "Java Developer"]
    # Each band is the one the job page's panel gives (scoring.score_job), in that order.
    facts = selectors.seeker_facts(seeker)
    job_facts = selectors.job_facts_many(list(jobs.values()))
    expected = [
        scoring.score_job(facts, job_facts[jobs[k].pk]) for k in ("all", "most", "half", "nothing")
    ]
    assert [m.band for m in expected] == ["strong", "good", "good", "possible"]
    assert expected == sorted(expected, key=lambda m: -m.score)
    assert bands(html) == ["Strong match", "Good match", "Good match", "Possible match"]


def test_it_keeps_the_filters_and_pages(client, seeker, jobs):
    JobFactory(title="Remote Python Technician", required_skills=["python"], work_setting="remote")
    client.force_login(seeker.user)
    html = client.get(SEARCH, {"sort": "fit", "work_setting": "onsite"}).content.decode()
    assert "Remote Python Technician" not in html
    assert titles(html)[0] == "Python Technician"
    html = client.get(SEARCH, {"sort": "fit", "q": "developer clerk"}).content.decode()
    assert set(titles(html)) <= {"Data Clerk", "Java Developer"}


def test_the_htmx_partial_and_the_page_without_javascript_agree(client, seeker, jobs):
    client.force_login(seeker.user)
    page = client.get(SEARCH, {"sort": "fit"}).content.decode()
    partial = client.get(SEARCH, {"sort": "fit"}, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert "<html" not in html
    assert titles(html) == titles(page) and bands(html) == bands(page)
    assert partial["HX-Push-Url"] == f"{SEARCH}?sort=fit"


def test_in_spanish(client, seeker, jobs):
    seeker.user.preferred_language = "es"
    seeker.user.save()
    client.force_login(seeker.user)
    html = client.get(localized(SEARCH, "es"), {"sort": "fit"}).content.decode()
    assert "Más compatibles con usted" in html
    assert bands(html)[0] == "Muy compatible"


def test_saving_an_alert_from_a_best_match_search_keeps_its_filters(client, seeker, jobs):
    client.force_login(seeker.user)
    html = client.get(SEARCH, {"sort": "fit", "q": "python"}).content.decode()
    assert 'name="sort"' not in html.split('data-testid="save-alert"')[1].split("</form>")[0]
    response = client.post(reverse("matching:save_alert"), {"q": "python"})
    assert response.status_code == 302


def test_query_count_does_not_grow_with_jobs(client, seeker):
    client.force_login(seeker.user)

    def queries():
        client.get(SEARCH, {"sort": "fit"})  # facets cached
        with CaptureQueriesContext(connection) as captured:
            html = client.get(SEARCH, {"sort": "fit"}).content.decode()
        return len(captured), html

    for i in range(3):
        JobFactory(required_skills=["python", "git", "sql", "linux"][: 1 + i])
    small, _html = queries()
    for i in range(25):
        JobFactory(required_skills=["python", "git", "java", "linux"][: 1 + i % 4])
    large, html = queries()
    assert large == small
    assert len(bands(html)) == 20  # a full page, every job with its band
