"""The skill picker of employers' and providers' forms: its search (issue 11, item 9)."""

import pytest
from django.urls import reverse

from apps.skills.models import Skill

pytestmark = pytest.mark.django_db


def options(client, **params):
    return client.get(reverse("skills:options"), params, HTTP_HX_REQUEST="true")


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("JS", "javascript"),
        ("soporte tecnico", "technical-support"),
        ("redes inal", "wireless-networking"),
    ],
)
def test_the_search_knows_short_names_and_spanish(client, personas, query, slug):
    client.force_login(personas.employer)
    response = options(client, name="required_skills", q=query)
    assert response.status_code == 200
    skill = Skill.objects.get(slug=slug)
    html = response.content.decode()
    assert (
        f'name="required_skills" id="required_skills-found-{skill.pk}" value="{skill.pk}"' in html
    )


def test_skills_already_chosen_show_as_chosen_without_a_second_checkbox(client, personas):
    client.force_login(personas.provider)
    javascript = Skill.objects.get(slug="javascript")
    html = options(client, name="skills", q="javascript", skills=[str(javascript.pk)])
    html = html.content.decode()
    assert "Already chosen" in html
    assert f'value="{javascript.pk}"' not in html


def test_no_match_says_so_and_an_empty_query_lists_nothing(client, personas):
    client.force_login(personas.employer)
    html = options(client, name="required_skills", q="zzzz").content.decode()
    assert "No skill matches “zzzz”" in html
    assert 'type="checkbox"' not in options(client, name="required_skills", q="").content.decode()


def test_a_bad_field_name_is_a_400(client, personas):
    client.force_login(personas.employer)
    response = options(client, name='x" onmouseover="alert(1)', q="js")
    assert response.status_code == 400


def test_the_form_lists_chosen_skills_first_and_not_again_in_the_categories(client, personas):
    from tests.factories.employers import JobFactory

    job = JobFactory(employer=personas.orgs.employer, status="draft", required_skills=["python"])
    python = Skill.objects.get(slug="python")
    client.force_login(personas.employer)
    html = client.get(reverse("employers:job_edit", args=[job.pk])).content.decode()
    field = html.split('id="id_required_skills"')[1].split("</fieldset>")[0]
    chosen, rest = field.split("data-skills-search")
    assert f'value="{python.pk}" checked' in chosen
    assert f'value="{python.pk}"' not in rest
    assert field.count('name="required_skills"') == Skill.objects.count()
