"""The seeker's job applications page (apps/employers/views/my_applications.py); the rows on
it are tested with applying and withdrawing in test_jobs_page.py."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker_client(client, personas):
    client.force_login(personas.seeker)
    return client


def test_applications_page_is_a_real_empty_state(seeker_client):
    response = seeker_client.get(reverse("employers:my_applications"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No job applications yet" in html
    assert "When you apply to jobs on Reboot El Paso" in html
    assert f'href="{reverse("seekers:profile")}"' in html
