"""Talent search: discoverable profiles only, every chosen skill required, for approved
employers; and one discoverable profile, without contact details or resume."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.skills.models import Occupation
from tests.factories.pipeline import application, attach_resume, job, seeker, use_private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def our_job(personas):
    """A published job of Sun City Software requiring Python, SQL and Linux."""
    return job(personas.orgs.employer, title="Junior Python Developer")


@pytest.fixture
def private_storage(settings, tmp_path, monkeypatch):
    return use_private_storage(settings, tmp_path, monkeypatch)


TALENT = "/en/employer/talent/"


def search(client, **params):
    return client.get(reverse("employers:talent"), params)


def cards(html: str) -> list[str]:
    return html.split('data-testid="talent-card"')[1:]


@pytest.fixture
def people():
    analyst = Occupation.objects.get(soc_code="15-1212")
    support = Occupation.objects.get(soc_code="15-1232")
    return {
        "all_three": seeker(
            email="all@people.example",
            headline="Python, SQL and Linux all day",
            discoverable=True,
            skills=["python", "sql", "linux"],
            occupations=[analyst],
        ),
        "two": seeker(
            email="two@people.example",
            headline="Python and SQL person",
            discoverable=True,
            skills=["python", "sql"],
            occupations=[support],
        ),
        "hidden": seeker(
            email="hidden@people.example",
            headline="Hidden profile with every skill",
            discoverable=False,
            skills=["python", "sql", "linux"],
            occupations=[analyst],
        ),
    }


def test_search_shows_only_discoverable_profiles(client, personas, people):
    assert reverse("employers:talent") == TALENT
    client.force_login(personas.employer_member)
    response = search(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert len(cards(html)) == 2
    count = html.split('data-testid="talent-count">')[1].split("<")[0]
    assert count.strip() == "2 people"
    assert "Python, SQL and Linux all day" in html and "Python and SQL person" in html
    assert "Hidden profile" not in html
    # No contact details, no names, no resume.
    for person in people.values():
        assert person.email not in html
        assert person.last_name not in html
    assert "/resume/" not in html and "mailto:" not in html


def test_search_requires_every_chosen_skill(client, personas, people):
    client.force_login(personas.employer)
    html = search(client, skills=["python", "linux"]).content.decode()
    assert len(cards(html)) == 1
    assert "Python, SQL and Linux all day" in html and "Python and SQL person" not in html
    html = search(client, skills=["python", "sql"]).content.decode()
    assert len(cards(html)) == 2
    html = search(client, skills=["python", "sql", "linux", "git"]).content.decode()
    assert cards(html) == []
    assert 'data-testid="talent-empty"' in html
    # Chosen skills stay ticked.
    html = search(client, skills=["linux"]).content.decode()
    assert 'value="linux" checked' in html


def test_search_by_target_job(client, personas, people):
    client.force_login(personas.employer)
    html = search(client, occupation="15-1232").content.decode()
    assert len(cards(html)) == 1 and "Python and SQL person" in html
    assert 'value="15-1232" selected' in html
    html = search(client, occupation="15-1212", skills=["python"]).content.decode()
    assert len(cards(html)) == 1 and "Python, SQL and Linux all day" in html
    assert "Hidden profile" not in html


@pytest.mark.parametrize(
    "params,message",
    [
        ({"skills": ["not-a-skill"]}, "“not-a-skill” is not a skill in the list."),
        ({"occupation": "99-9999"}, "Choose a job from the list."),
        (
            {
                "skills": [
                    "python",
                    "sql",
                    "linux",
                    "git",
                    "html",
                    "css",
                    "javascript",
                    "java",
                    "csharp",
                    "go",
                    "rust",
                ]
            },
            "Choose at most 10 skills.",
        ),
    ],
)
def test_bad_filters_are_400_with_a_message(client, personas, people, params, message):
    client.force_login(personas.employer)
    response = search(client, **params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'data-testid="talent-error"' in html
    assert cards(html) == []


def test_results_are_paginated(client, personas):
    for i in range(23):
        seeker(
            email=f"p{i}@people.example",
            headline=f"Person {i}",
            discoverable=True,
            skills=["python"],
        )
    client.force_login(personas.employer)
    html = search(client, skills=["python"]).content.decode()
    assert len(cards(html)) == 20
    assert "Page 1 of 2" in html
    assert "skills=python&amp;page=2" in html
    html = search(client, skills=["python"], page="2").content.decode()
    assert len(cards(html)) == 3
    assert search(client, page="not-a-number").status_code == 200


def test_query_count_does_not_grow_with_profiles(client, personas):
    client.force_login(personas.employer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert search(client, skills=["python"]).status_code == 200
        return len(queries)

    for _ in range(3):
        seeker(discoverable=True, skills=["python", "sql"])
    small = count()
    for i in range(17):
        seeker(discoverable=True, skills=["python", "sql", "linux"][: 1 + i % 3])
    assert count() <= small


def test_a_pending_employer_sees_an_explanation(client, personas, people):
    client.force_login(personas.pending_employer)
    response = search(client, skills=["python"])
    html = response.content.decode()
    assert response.status_code == 403
    assert 'data-status="pending"' in html
    assert "Pending Employer is waiting for approval" in html
    assert cards(html) == []
    assert "Python and SQL person" not in html
    profile = people["two"].seeker_profile
    response = client.get(reverse("employers:talent_profile", args=[profile.pk]))
    assert response.status_code == 403
    assert 'data-status="pending"' in response.content.decode()
    assert "Python and SQL person" not in response.content.decode()


# ---------------------------------------------------------------------------
# One profile
# ---------------------------------------------------------------------------
def test_a_discoverable_profile(client, personas, people):
    person = seeker(
        email="verified@people.example",
        last_name="Zubiate",
        headline="Network tech",
        discoverable=True,
        skills=[("linux", 4, "Linux Basics at Borderland College")],
        occupations=[Occupation.objects.get(soc_code="15-1231")],
        zip_code="79936",
    )
    client.force_login(personas.employer)
    response = client.get(reverse("employers:talent_profile", args=[person.seeker_profile.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Network tech" in html
    assert "Verified by Linux Basics at Borderland College" in html
    assert "Expert: I teach it to others" in html
    assert Occupation.objects.get(soc_code="15-1231").title_en in html
    assert "verified@people.example" not in html and "Zubiate" not in html
    assert "79936" not in html
    assert 'data-testid="applied"' not in html


def test_a_hidden_profile_is_404(client, personas, people):
    client.force_login(personas.employer)
    pk = people["hidden"].seeker_profile.pk
    response = client.get(reverse("employers:talent_profile", args=[pk]))
    assert response.status_code == 404
    assert "Hidden profile" not in response.content.decode()
    assert client.get(reverse("employers:talent_profile", args=[999999])).status_code == 404


def test_a_profile_links_to_the_application_to_our_job(
    client, personas, people, our_job, private_storage
):
    person = people["two"]
    app = attach_resume(application(our_job, person))
    client.force_login(personas.employer)
    html = client.get(
        reverse("employers:talent_profile", args=[person.seeker_profile.pk])
    ).content.decode()
    assert 'data-testid="applied"' in html
    assert reverse("employers:applicant", args=[app.pk]) in html
    assert reverse("employers:applicant_resume", args=[app.pk]) not in html
    assert person.email not in html
    # Another employer sees the profile, but no link to our application.
    client.force_login(personas.other_employer)
    html = client.get(
        reverse("employers:talent_profile", args=[person.seeker_profile.pk])
    ).content.decode()
    assert 'data-testid="applied"' not in html
    assert "Junior Python Developer" not in html
