"""The seeker's landing dashboard (apps/portal/views.py)."""

import pytest
from django.urls import reverse

from apps.seekers import services
from apps.seekers.services import profile_for
from tests.seekers.helpers import enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker_client(client, personas):
    client.force_login(personas.seeker)
    return client


@pytest.fixture
def profile(personas):
    return profile_for(personas.seeker)


def test_dashboard_for_a_newcomer(seeker_client):
    html = seeker_client.get(reverse("dashboard")).content.decode()
    assert "Welcome," in html and "Your next steps" in html
    assert "Your profile is 0% complete" in html
    assert f'href="{reverse("seekers:step", kwargs={"step": "about"})}"' in html
    assert 'data-testid="dashboard-no-enrollments"' in html
    assert f'href="{reverse("trainings:catalog")}"' in html
    assert f'href="{reverse("notifications:inbox")}"' in html
    assert f'href="{reverse("notifications:preferences")}"' in html
    assert "Protect your account with two-step sign-in" in html


def test_dashboard_shows_progress_and_recent_enrollments(seeker_client, personas, profile):
    services.update_profile(profile=profile, fields={"headline": "Tech", "zip_code": "79912"})
    enrollment(personas.seeker, personas.orgs.provider, status="enrolled", title="Cyber 101")
    html = seeker_client.get(reverse("dashboard")).content.decode()
    assert "Your profile is 29% complete" in html
    # The next missing step is "when you can work or study".
    assert f'href="{reverse("seekers:step", kwargs={"step": "preferences"})}"' in html
    assert "Cyber 101" in html and 'data-testid="enrollment-status">Enrolled</span>' in html
    assert f'href="{reverse("trainings:mine")}"' in html
