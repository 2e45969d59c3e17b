"""The profile overview and its steps."""

import re

import pytest
from django.urls import reverse

from apps.core.i18n import localized
from apps.seekers import services
from apps.seekers.models import SeekerProfile
from apps.skills.models import Occupation
from apps.skills.vocabulary import Schedule, WorkSetting

from .helpers import pdf_upload, skill

pytestmark = pytest.mark.django_db


def step_url(step):
    return reverse("seekers:step", kwargs={"step": step})


def stored(personas):
    return SeekerProfile.objects.get(user=personas.seeker)


# ---------------------------------------------------------------------------
# Overview
# ---------------------------------------------------------------------------
def test_new_profile_shows_the_meter_and_every_missing_step(seeker_client):
    response = seeker_client.get(reverse("seekers:profile"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your profile is 0% complete" in html
    assert '<progress class="portal-progress" max="100" value="0"' in html
    for step in ["about", "preferences", "goals", "skills", "visibility"]:
        assert f'href="{step_url(step)}"' in html
    assert f'href="{reverse("seekers:resume")}"' in html
    assert f'href="{reverse("seekers:demographics")}"' in html


def test_overview_summarizes_each_step(private_storage, seeker_client, personas, profile):
    services.update_profile(
        profile=profile,
        fields={
            "headline": "Bilingual help desk technician",
            "zip_code": "79936",
            "availability": ["evening"],
            "commute_miles": 25,
            "education": "high_school",
        },
        occupations=[Occupation.objects.get(soc_code="15-1232")],
    )
    services.add_skill(profile=profile, skill=skill("javascript"), level=2)
    services.add_verified_skills(
        user=personas.seeker, skills=[skill("technical-support")], source="Help Desk Bootcamp"
    )
    services.save_resume(profile=profile, upload=pdf_upload("Lupita CV.pdf"))
    html = seeker_client.get(reverse("seekers:profile")).content.decode()
    assert "Your profile is 86% complete" in html  # only "at least three skills" missing
    assert "Bilingual help desk technician" in html and "79936" in html
    assert "Up to 25 miles" in html and "Evenings" in html
    assert "Computer User Support Specialists" in html
    assert "JavaScript" in html and "Intermediate: I use it with some help" in html
    assert "Verified by Help Desk Bootcamp" in html
    assert "Lupita CV.pdf" in html
    assert "High school diploma or GED" in html


def test_get_changes_nothing(seeker_client, personas):
    seeker_client.get(reverse("seekers:profile"))
    seeker_client.get(step_url("about"))
    profile = stored(personas)
    assert profile.headline == "" and not profile.skills.exists()


# ---------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------
def test_step_shows_the_step_indicator_and_back_link(seeker_client):
    response = seeker_client.get(step_url("preferences"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "usa-step-indicator" in html
    assert "usa-step-indicator__segment--complete" in html  # "About you" is behind
    assert 'aria-current="true"' in html
    assert "of 5" in html
    assert f'href="{step_url("about")}"' in html  # Back
    assert "Save and continue" in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_step_is_404(seeker_client, method):
    assert getattr(seeker_client, method)(step_url("nope")).status_code == 404


def test_about_saves_and_goes_to_the_next_step(seeker_client, personas):
    response = seeker_client.post(
        step_url("about"), {"headline": "Network technician", "zip_code": "79901"}
    )
    assert response.status_code == 302
    assert response["Location"] == step_url("preferences")
    profile = stored(personas)
    assert (profile.headline, profile.zip_code) == ("Network technician", "79901")


def test_bad_zip_is_400_and_saves_nothing(seeker_client, personas):
    response = seeker_client.post(step_url("about"), {"headline": "New", "zip_code": "7990"})
    assert response.status_code == 400
    assert "Enter a 5-digit ZIP code." in response.content.decode()
    profile = stored(personas)
    assert profile.headline == "" and profile.zip_code == ""


def test_preferences_save_availability_from_checkboxes(seeker_client, personas):
    response = seeker_client.post(
        step_url("preferences"),
        {
            "work_settings": ["hybrid", "remote"],
            "commute_miles": "20",
            "availability": ["day", "night", "weekend"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == step_url("goals")
    profile = stored(personas)
    assert profile.work_settings == {WorkSetting.HYBRID, WorkSetting.REMOTE}
    assert profile.commute_miles == 20
    assert profile.availability == {Schedule.DAY, Schedule.NIGHT, Schedule.WEEKEND}
    # The form shows what was saved.
    html = seeker_client.get(step_url("preferences")).content.decode()
    assert re.search(r'value="remote"[^>]*checked', html)
    assert re.search(r'value="night"[^>]*checked', html)
    assert not re.search(r'value="onsite"[^>]*checked', html)
    # Unchecking every time clears it (an empty checkbox group sends nothing).
    seeker_client.post(step_url("preferences"), {"work_settings": ["onsite"]})
    profile = stored(personas)
    assert profile.availability == set() and profile.work_settings == {WorkSetting.ONSITE}
    assert profile.commute_miles is None


def test_preferences_show_the_vocabulary_labels_in_spanish(seeker_client, personas):
    personas.seeker.preferred_language = "es"
    personas.seeker.save(update_fields=["preferred_language"])
    html = seeker_client.get(localized(step_url("preferences"), "es")).content.decode()
    for label in ["Presencial", "Híbrido", "Remoto", "De día", "Turno nocturno", "Fines de semana"]:
        assert label in html


@pytest.mark.parametrize(
    "data,message",
    [
        ({"work_settings": ["onsite"], "commute_miles": "500"}, "150 miles or less"),
        ({"work_settings": ["onsite"], "commute_miles": "far"}, "whole number of miles"),
        ({"work_settings": ["moon"], "availability": ["day"]}, "Select a valid choice"),
        ({"work_settings": ["onsite"], "availability": ["self_paced"]}, "Select a valid choice"),
        ({"availability": ["day"]}, "Choose at least one: on site, hybrid or remote."),
    ],
)
def test_bad_preferences_are_400_and_save_nothing(seeker_client, personas, data, message):
    response = seeker_client.post(step_url("preferences"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    profile = stored(personas)
    assert profile.commute_miles is None and profile.work_settings == set(WorkSetting)
    assert profile.availability == set()


def test_goals_list_only_tech_occupations_and_save(seeker_client, personas):
    html = seeker_client.get(step_url("goals")).content.decode()
    assert "Software Developers" in html
    assert "Data Entry Keyers" not in html
    developers = Occupation.objects.get(soc_code="15-1252")
    analysts = Occupation.objects.get(soc_code="15-1212")
    response = seeker_client.post(
        step_url("goals"), {"target_occupations": [developers.pk, analysts.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == step_url("skills")
    assert set(stored(personas).target_occupations.all()) == {developers, analysts}


def test_goals_refuse_a_non_tech_occupation(seeker_client, personas):
    keyers = Occupation.objects.get(soc_code="43-9021")
    developers = Occupation.objects.get(soc_code="15-1252")
    response = seeker_client.post(
        step_url("goals"), {"target_occupations": [developers.pk, keyers.pk]}
    )
    assert response.status_code == 400
    assert "Choose jobs from the list." in response.content.decode()
    assert not stored(personas).target_occupations.exists()


def test_goals_are_shown_in_spanish_for_spanish_speakers(client, personas):
    personas.seeker.preferred_language = "es"
    personas.seeker.save()
    client.force_login(personas.seeker)
    html = client.get(localized(step_url("goals"), "es")).content.decode()
    assert "Desarrolladores de software" in html


def test_skills_step_continues_to_visibility(seeker_client):
    response = seeker_client.post(step_url("skills"))
    assert response.status_code == 302
    assert response["Location"] == step_url("visibility")


def test_visibility_is_the_last_step_and_explains_discoverable(seeker_client, personas):
    html = seeker_client.get(step_url("visibility")).content.decode()
    assert "Your resume and contact details stay private" in html
    assert "Save and finish" in html
    response = seeker_client.post(
        step_url("visibility"), {"education": "some_college", "discoverable": "on"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("seekers:profile")
    assert "Your profile is saved." in response.content.decode()
    profile = stored(personas)
    assert profile.education == "some_college" and profile.discoverable


def test_visibility_refuses_an_unknown_education(seeker_client, personas):
    response = seeker_client.post(step_url("visibility"), {"education": "phd"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert stored(personas).education == ""
