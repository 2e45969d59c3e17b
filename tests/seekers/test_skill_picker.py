"""The skill picker: search (full page or htmx partial), add, remove."""

import pytest
from django.urls import reverse

from apps.seekers import services
from apps.seekers.models import SeekerSkill

from .helpers import skill

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
SKILLS_STEP = "/en/profile/step/skills/"


def search(client, q, **headers):
    return client.get(reverse("seekers:skill_search"), {"q": q}, **headers)


def test_skills_step_has_an_accessible_htmx_search(seeker_client):
    html = seeker_client.get(SKILLS_STEP).content.decode()
    assert f'action="{reverse("seekers:skill_search")}"' in html
    assert 'method="get"' in html and 'name="q"' in html
    assert '<label class="usa-label" for="skill-q">' in html
    assert f'data-hx-get="{reverse("seekers:skill_search")}"' in html
    assert 'data-hx-trigger="input changed delay:300ms, search"' in html
    assert 'data-hx-target="#skill-results"' in html
    assert '<div id="skill-results" class="margin-top-2" aria-live="polite"' in html
    assert "You have not added any skills yet." in html


@pytest.mark.parametrize(
    "q,label", [("JS", "JavaScript"), ("postgres", "PostgreSQL"), ("js", "JavaScript")]
)
def test_search_finds_skills_by_alias(seeker_client, q, label):
    response = search(seeker_client, q, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert label in html
    assert f'value="{skill(label.lower()).pk}"' in html


def test_accents_do_not_matter(seeker_client):
    with_accent = search(seeker_client, "técnico", **HTMX).content.decode()
    without = search(seeker_client, "tecnico", **HTMX).content.decode()
    support = skill("technical-support")
    assert f'name="skill" value="{support.pk}"' in with_accent
    assert f'name="skill" value="{support.pk}"' in without
    assert "Technical support" in with_accent


def test_search_without_javascript_is_a_full_page(seeker_client):
    response = search(seeker_client, "JS")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "usa-step-indicator" in html
    assert "JavaScript" in html
    assert 'value="JS"' in html  # the query stays in the box


def test_htmx_search_is_a_partial(seeker_client):
    response = search(seeker_client, "JS", **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "usa-step-indicator" not in html
    assert "JavaScript" in html
    assert "HX-Request" in response["Vary"]


def test_search_lists_at_most_15_and_says_when_nothing_matches(seeker_client):
    html = search(seeker_client, "a", **HTMX).content.decode()
    assert html.count('name="skill"') == 15
    html = search(seeker_client, "zzzz", **HTMX).content.decode()
    assert "No skill matches “zzzz”" in html


def test_results_show_a_labelled_level_select_and_add_button(seeker_client):
    html = search(seeker_client, "postgres", **HTMX).content.decode()
    pk = skill("postgresql").pk
    assert f'<label class="usa-label margin-top-1" for="result-level-{pk}">' in html
    assert f'id="result-level-{pk}" name="level"' in html
    assert f'data-hx-post="{reverse("seekers:skill_add")}"' in html
    assert "Beginner: I have learned the basics" in html


def test_add_without_javascript_redirects_back_to_the_search(seeker_client, profile):
    javascript = skill("javascript")
    response = seeker_client.post(
        reverse("seekers:skill_add"), {"skill": javascript.pk, "level": "2", "q": "JS"}
    )
    assert response.status_code == 302
    assert response["Location"] == SKILLS_STEP + "?q=JS"
    row = SeekerSkill.objects.get(profile=profile)
    assert (row.skill, row.level) == (javascript, 2)
    html = seeker_client.get(response["Location"]).content.decode()
    assert "JavaScript is on your profile, level: Intermediate" in html
    assert "On your profile" in html


def test_adding_twice_keeps_one_row(seeker_client, profile):
    javascript = skill("javascript")
    for level in ("1", "4"):
        seeker_client.post(reverse("seekers:skill_add"), {"skill": javascript.pk, "level": level})
    assert SeekerSkill.objects.filter(profile=profile).count() == 1
    assert SeekerSkill.objects.get(profile=profile).level == 4


@pytest.mark.parametrize(
    "data,message",
    [
        ({"skill": "999999", "level": "2"}, "We could not find this skill."),
        ({"skill": "abc", "level": "2"}, "We could not find this skill."),
        ({"level": "2"}, "Choose a skill from the search results."),
        ({"skill": "SKILL", "level": "9"}, "Choose a level from 1 (beginner) to 4 (expert)."),
        ({"skill": "SKILL", "level": "0"}, "Choose a level from 1 (beginner) to 4 (expert)."),
        ({"skill": "SKILL", "level": "high"}, "Choose a level from 1 (beginner) to 4 (expert)."),
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_bad_adds_are_400_and_save_nothing(seeker_client, profile, data, message, headers):
    data = {k: (str(skill("javascript").pk) if v == "SKILL" else v) for k, v in data.items()}
    response = seeker_client.post(reverse("seekers:skill_add"), data, **headers)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SeekerSkill.objects.exists()


def test_htmx_add_returns_the_updated_list_and_a_status_message(seeker_client, profile):
    response = seeker_client.post(
        reverse("seekers:skill_add"), {"skill": skill("postgresql").pk, "level": "3"}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert '<section id="my-skills"' in html
    assert 'id="skill-status" data-hx-swap-oob="innerHTML"' in html
    assert "PostgreSQL is on your profile, level: Advanced" in html
    assert "HX-Request" in response["Vary"]
    # htmx answers do not leave a message waiting for the next full page.
    assert "is on your profile" not in seeker_client.get(SKILLS_STEP).content.decode()


def test_remove_without_javascript(seeker_client, profile):
    services.add_skill(profile=profile, skill=skill("javascript"), level=2)
    response = seeker_client.post(
        reverse("seekers:skill_remove", args=[skill("javascript").pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == SKILLS_STEP
    assert "JavaScript is removed from your profile." in response.content.decode()
    assert not SeekerSkill.objects.exists()


def test_htmx_remove_returns_the_updated_list(seeker_client, profile):
    services.add_skill(profile=profile, skill=skill("javascript"), level=2)
    services.add_skill(profile=profile, skill=skill("postgresql"), level=2)
    response = seeker_client.post(
        reverse("seekers:skill_remove", args=[skill("javascript").pk]), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section id="my-skills"' in html
    assert "PostgreSQL" in html
    assert f'id="my-skill-{skill("javascript").pk}"' not in html
    assert "JavaScript is removed from your profile." in html


def test_removing_a_skill_you_do_not_have_is_404(seeker_client, personas, profile):
    other = services.profile_for(personas.other_seeker)
    services.add_skill(profile=other, skill=skill("javascript"), level=2)
    response = seeker_client.post(reverse("seekers:skill_remove", args=[skill("javascript").pk]))
    assert response.status_code == 404
    assert SeekerSkill.objects.filter(profile=other).exists()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_verified_skills_cannot_be_removed(seeker_client, personas, profile, headers):
    services.add_verified_skills(
        user=personas.seeker, skills=[skill("javascript")], source="JS Academy"
    )
    html = seeker_client.get(SKILLS_STEP).content.decode()
    assert "Verified by JS Academy" in html
    assert reverse("seekers:skill_remove", args=[skill("javascript").pk]) not in html
    response = seeker_client.post(
        reverse("seekers:skill_remove", args=[skill("javascript").pk]), **headers
    )
    assert response.status_code == 400
    assert "verified by a training you completed" in response.content.decode()
    assert SeekerSkill.objects.filter(profile=profile, verified=True).exists()


def test_search_and_changes_need_the_right_method(seeker_client):
    assert seeker_client.get(reverse("seekers:skill_add")).status_code == 405
    assert seeker_client.get(reverse("seekers:skill_remove", args=[1])).status_code == 405
    assert seeker_client.post(reverse("seekers:skill_search")).status_code == 405
