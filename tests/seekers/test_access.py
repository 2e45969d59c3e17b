"""Every seeker page, for every role. tests/test_access.py sweeps the same rules; this adds
the resume download with a real file, and checks wrong-role POSTs change nothing."""

import pytest
from django.urls import reverse

from apps.seekers import services
from apps.seekers.models import Demographics, Resume, SeekerSkill
from apps.trainings.models import Enrollment
from tests.factories.trainings import EnrollmentFactory

from .helpers import pdf_upload, skill

pytestmark = pytest.mark.django_db

OTHER_ROLES = ["employer", "employer_member", "provider", "partner", "pending_employer", "staff"]


@pytest.fixture
def seeker_rows(personas, private_storage):
    profile = services.profile_for(personas.seeker)
    services.add_skill(profile=profile, skill=skill("javascript"), level=2)
    services.save_resume(profile=profile, upload=pdf_upload())
    services.save_demographics(user=personas.seeker, fields={"veteran": "yes"})
    return {
        "enrollment": EnrollmentFactory(
            seeker=personas.seeker,
            cohort__program__provider=personas.orgs.provider,
            cohort__program__status="published",
        )
    }


def pages(rows):
    javascript = skill("javascript").pk
    return [
        ("get", reverse("seekers:profile"), {}),
        ("get", reverse("seekers:step", kwargs={"step": "about"}), {}),
        ("post", reverse("seekers:step", kwargs={"step": "about"}), {"headline": "Hacked"}),
        ("get", reverse("seekers:skill_search") + "?q=JS", {}),
        ("post", reverse("seekers:skill_add"), {"skill": javascript, "level": "4"}),
        ("post", reverse("seekers:skill_remove", args=[javascript]), {}),
        ("get", reverse("seekers:resume"), {}),
        ("get", reverse("seekers:resume_download"), {}),
        ("post", reverse("seekers:resume_delete"), {}),
        ("get", reverse("seekers:demographics"), {}),
        ("post", reverse("seekers:demographics"), {"delete": "1"}),
        ("get", reverse("trainings:mine"), {}),
        ("get", reverse("trainings:withdraw", args=[rows["enrollment"].pk]), {}),
        ("post", reverse("trainings:withdraw", args=[rows["enrollment"].pk]), {"confirm": "yes"}),
        ("get", reverse("employers:my_applications"), {}),
    ]


def assert_nothing_changed(personas, rows):
    assert SeekerSkill.objects.get(profile__user=personas.seeker).level == 2
    assert Resume.objects.filter(profile__user=personas.seeker).exists()
    assert Demographics.objects.filter(user=personas.seeker).exists()
    assert Enrollment.objects.get(pk=rows["enrollment"].pk).status == "applied"
    assert personas.seeker.seeker_profile.headline == ""


@pytest.mark.parametrize("persona", OTHER_ROLES)
def test_other_roles_get_403_everywhere(client, personas, seeker_rows, persona):
    client.force_login(getattr(personas, persona))
    for method, url, data in pages(seeker_rows):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, f"{method} {url} as {persona}"
    assert_nothing_changed(personas, seeker_rows)


def test_anonymous_visitors_are_sent_to_sign_in(client, personas, seeker_rows):
    login = reverse("account_login")
    for method, url, data in pages(seeker_rows):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, f"{method} {url}"
        assert response["Location"].startswith(login), f"{method} {url}"
    assert_nothing_changed(personas, seeker_rows)


def test_the_seeker_opens_every_page(client, personas, seeker_rows):
    client.force_login(personas.seeker)
    for method, url, _data in pages(seeker_rows):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_another_seeker_sees_none_of_it(client, personas, seeker_rows):
    client.force_login(personas.other_seeker)
    assert (
        'data-testid="profile-skills"'
        not in client.get(reverse("seekers:profile")).content.decode()
    )
    skills_step = client.get(reverse("seekers:step", kwargs={"step": "skills"})).content.decode()
    assert f'id="my-skill-{skill("javascript").pk}"' not in skills_step
    assert "Help Desk Bootcamp" not in client.get(reverse("trainings:mine")).content.decode()
    assert client.get(reverse("seekers:resume_download")).status_code == 404
    withdraw = reverse("trainings:withdraw", args=[seeker_rows["enrollment"].pk])
    assert client.get(withdraw).status_code == 404
    assert client.post(withdraw, {"confirm": "yes"}).status_code == 404
    response = client.post(reverse("seekers:skill_remove", args=[skill("javascript").pk]))
    assert response.status_code == 404
    client.post(reverse("seekers:resume_delete"))
    client.post(reverse("seekers:demographics"), {"delete": "1"})
    assert_nothing_changed(personas, seeker_rows)
