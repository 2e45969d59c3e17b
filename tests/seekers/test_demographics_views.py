"""The voluntary questions: explained, skippable, deletable; never half-saved."""

import pytest
from django.urls import reverse

from apps.seekers import services
from apps.seekers.forms import DemographicsForm, VisibilityForm
from apps.seekers.models import Demographics, Education, EducationAnswer

pytestmark = pytest.mark.django_db

URL = "/en/profile/about-you/"
ANSWERS = {
    "veteran": "yes",
    "birth_year": "1996",
    "long_term_unemployed": "no",
    "education": "some_college",
    "sex": "female",
    "hispanic_latino": "yes",
    "race": ["white", "american_indian"],
}


def test_page_explains_why_and_offers_prefer_not_to_say(seeker_client):
    response = seeker_client.get(reverse("seekers:demographics"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voluntary" in html
    assert "veterans, young adults, people out of work for a long time" in html
    assert "never shown to employers" in html
    assert "never used to match you" in html
    assert "totals of 10 people or more" in html
    # "Prefer not to say" for each question (veteran, unemployed, education, sex, hispanic,
    # race), and a way not to give the year of birth.
    assert html.count("Prefer not to say") >= 6
    assert 'type="checkbox" name="race"' in html
    assert "I prefer not to give my year of birth" in html
    assert "Delete my answers" not in html  # nothing to delete yet
    assert not Demographics.objects.exists()


def test_answers_are_saved(seeker_client, personas):
    response = seeker_client.post(URL, ANSWERS, follow=True)
    assert response.redirect_chain[-1][0] == reverse("seekers:profile")
    assert "Thank you. Your answers are saved." in response.content.decode()
    row = Demographics.objects.get(user=personas.seeker)
    assert (row.veteran, row.birth_year, row.sex, row.hispanic_latino) == (
        "yes",
        1996,
        "female",
        "yes",
    )
    assert sorted(row.race) == ["american_indian", "white"]
    # Shown again, checked, on the next visit.
    html = seeker_client.get(URL).content.decode()
    assert 'value="1996"' in html
    assert 'value="white" checked' in html
    assert "Delete my answers" in html


def test_every_question_can_be_skipped_or_declined(seeker_client, personas):
    response = seeker_client.post(
        URL,
        {
            "veteran": "prefer_not",
            "birth_year_withheld": "on",
            "education": "prefer_not",
            "race": ["prefer_not"],
        },
    )
    assert response.status_code == 302
    row = Demographics.objects.get(user=personas.seeker)
    assert row.veteran == "prefer_not" and row.birth_year is None and row.birth_year_withheld
    assert row.education == "prefer_not" and row.race == ["prefer_not"] and row.sex == ""


def test_prefer_not_to_say_for_education_is_kept_apart_from_no_answer(seeker_client, personas):
    seeker_client.post(URL, {**ANSWERS, "education": "prefer_not"})
    assert Demographics.objects.get(user=personas.seeker).education == "prefer_not"
    # Shown again, chosen, on the next visit (it used to come back unanswered).
    html = seeker_client.get(URL).content.decode()
    assert 'name="education" id="id_education_7" value="prefer_not" checked' in html
    # Skipping the question is a different answer: blank.
    seeker_client.post(URL, {**ANSWERS, "education": ""})
    assert Demographics.objects.get(user=personas.seeker).education == ""


def test_education_answers_are_the_profile_levels_and_prefer_not_to_say():
    assert EducationAnswer.values == [*Education.values, "prefer_not"]
    assert EducationAnswer.PREFER_NOT.label == "Prefer not to say"
    # The profile's own education (seen by employers) has no such answer: blank is "not given".
    assert "prefer_not" not in dict(VisibilityForm.base_fields["education"].choices)


def test_the_form_offers_prefer_not_to_say_for_education_and_passes_it_on():
    form = DemographicsForm(data={"education": "prefer_not"})
    choices = {value: str(label) for value, label in form.fields["education"].choices}
    assert choices["prefer_not"] == "Prefer not to say"
    assert form.is_valid(), form.errors
    assert form.service_fields()["education"] == "prefer_not"
    assert DemographicsForm(data={}).is_valid()  # skipping stays possible
    assert DemographicsForm(data={"education": "doctorate"}).errors["education"] == [
        "Choose one of the answers."
    ]


def test_save_demographics_stores_prefer_not_to_say_for_education(personas):
    services.save_demographics(user=personas.seeker, fields={"education": "prefer_not"})
    row = Demographics.objects.get(user=personas.seeker)
    assert row.education == EducationAnswer.PREFER_NOT
    assert row.get_education_display() == "Prefer not to say"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"birth_year": "1800"}, "Enter a year between 1920 and 2015."),
        ({"birth_year": "2020"}, "Enter a year between 1920 and 2015."),
        ({"birth_year": "nineteen"}, "Enter a year between 1920 and 2015."),
        ({"birth_year": "1990", "birth_year_withheld": "on"}, "not both"),
        ({"race": ["white", "prefer_not"]}, "not both"),
        ({"race": ["martian"]}, "Choose races from the list."),
        ({"veteran": "maybe"}, "Choose one of the answers."),
        ({"sex": "x"}, "Choose one of the answers."),
        ({"education": "phd"}, "Choose one of the answers."),
    ],
)
def test_bad_answers_are_400_and_save_nothing(seeker_client, data, message):
    response = seeker_client.post(URL, {**ANSWERS, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Demographics.objects.exists()


def test_bad_answers_leave_earlier_answers_alone(seeker_client, personas):
    services.save_demographics(user=personas.seeker, fields={"veteran": "no", "birth_year": 1980})
    response = seeker_client.post(URL, {**ANSWERS, "birth_year": "1800"})
    assert response.status_code == 400
    row = Demographics.objects.get(user=personas.seeker)
    assert (row.veteran, row.birth_year) == ("no", 1980)


def test_delete_my_answers(seeker_client, personas):
    services.save_demographics(user=personas.seeker, fields={"veteran": "yes"})
    response = seeker_client.post(URL, {"delete": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "Your answers are deleted." in response.content.decode()
    assert not Demographics.objects.exists()


def test_answers_are_the_seekers_own(client, personas):
    services.save_demographics(user=personas.seeker, fields={"birth_year": 1977})
    client.force_login(personas.other_seeker)
    assert 'value="1977"' not in client.get(URL).content.decode()
    client.post(URL, {"delete": "1"})
    assert Demographics.objects.filter(user=personas.seeker).exists()


def test_answers_never_appear_on_the_profile(seeker_client, personas):
    services.save_demographics(
        user=personas.seeker, fields={"birth_year": 1977, "veteran": "yes", "sex": "male"}
    )
    html = seeker_client.get(reverse("seekers:profile")).content.decode()
    assert "1977" not in html
    assert "Review or delete your answers" in html
