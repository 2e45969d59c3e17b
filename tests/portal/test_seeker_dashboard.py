"""The seeker's landing dashboard (apps/portal/views.py)."""

import pytest
from django.urls import reverse

from apps.core.i18n import localized
from apps.seekers import services
from apps.seekers.services import profile_for
from tests.factories.employers import ApplicationFactory
from tests.factories.trainings import EnrollmentFactory

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
    EnrollmentFactory(
        seeker=personas.seeker,
        cohort__program__provider=personas.orgs.provider,
        cohort__program__status="published",
        status="enrolled",
        cohort__program__title="Cyber 101",
    )
    html = seeker_client.get(reverse("dashboard")).content.decode()
    assert "Your profile is 29% complete" in html
    # The next missing step is "when you can work or study".
    assert f'href="{reverse("seekers:step", kwargs={"step": "preferences"})}"' in html
    assert "Cyber 101" in html and 'data-testid="enrollment-status">Enrolled</span>' in html
    assert f'href="{reverse("trainings:mine")}"' in html


# ---------------------------------------------------------------------------
# Issue 11.1: the dashboard lists job applications, and next steps follow progress
# ---------------------------------------------------------------------------
def test_dashboard_lists_the_latest_job_applications_with_their_status(seeker_client, personas):
    ApplicationFactory(seeker=personas.seeker, status="interview", job__title="Help Desk Tech")
    ApplicationFactory(seeker=personas.seeker, status="hired", job__title="Junior Developer")
    html = seeker_client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="dashboard-applications"' in html
    assert 'data-testid="dashboard-no-applications"' not in html
    assert "Help Desk Tech" in html and "Junior Developer" in html
    assert 'data-testid="application-status">Interview</span>' in html
    assert 'data-testid="application-status">Hired</span>' in html
    assert f'href="{reverse("employers:my_applications")}"' in html


def test_dashboard_shows_at_most_five_applications(seeker_client, personas):
    for n in range(7):
        ApplicationFactory(seeker=personas.seeker, job__title=f"Posting number {n}")
    html = seeker_client.get(reverse("dashboard")).content.decode()
    assert html.count("Posting number") == 5
    assert "Posting number 6" in html and "Posting number 0" not in html  # newest first


def test_next_steps_suggest_a_training_to_a_newcomer(seeker_client):
    html = seeker_client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="next-step-training"' in html
    assert 'data-testid="dashboard-no-applications"' in html


def test_next_steps_after_finishing_a_training_point_to_jobs(seeker_client, personas):
    EnrollmentFactory(seeker=personas.seeker, status="completed")
    html = seeker_client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="next-step-training"' not in html
    assert "Find a training" not in html
    assert 'data-testid="next-step-jobs"' in html
    assert f'href="{reverse("employers:search")}"' in html


def test_next_steps_during_a_class_do_not_suggest_another(seeker_client, personas):
    EnrollmentFactory(seeker=personas.seeker, status="enrolled")
    html = seeker_client.get(reverse("dashboard")).content.decode()
    assert "Find a training" not in html
    assert 'data-testid="next-step-class"' in html


def test_next_steps_congratulate_after_a_hire(seeker_client, personas):
    EnrollmentFactory(seeker=personas.seeker, status="completed")
    ApplicationFactory(seeker=personas.seeker, status="hired")
    html = seeker_client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="next-step-hired"' in html
    assert "Congratulations on your new job!" in html
    assert "Find a training" not in html and 'data-testid="next-step-jobs"' not in html


def test_the_dashboard_reads_spanish(seeker_client, personas):
    ApplicationFactory(seeker=personas.seeker, status="interview")
    personas.seeker.preferred_language = "es"
    personas.seeker.save(update_fields=["preferred_language"])
    html = seeker_client.get(localized(reverse("dashboard"), "es")).content.decode()
    assert "Aquí aparecerán sus solicitudes de empleo." not in html
    assert "Vea todas sus solicitudes de empleo" in html
