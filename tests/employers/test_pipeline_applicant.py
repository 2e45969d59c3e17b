"""One applicant's page (profile, history, notes, moves; never demographics) and the resume
snapshot that came with the application."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.employers.models import Application, ApplicationNote, Hire
from apps.seekers.models import Demographics, Education
from apps.skills.models import Occupation
from tests.factories import UserFactory
from tests.factories.pipeline import (
    PDF,
    application,
    attach_resume,
    job,
    profile_for,
    seeker,
    use_private_storage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def our_job(personas):
    """A published job of Sun City Software requiring Python, SQL and Linux."""
    return job(personas.orgs.employer, title="Junior Python Developer")


@pytest.fixture
def private_storage(settings, tmp_path, monkeypatch):
    return use_private_storage(settings, tmp_path, monkeypatch)


def page(client, app):
    return client.get(reverse("employers:applicant", args=[app.pk]))


@pytest.fixture
def lupe():
    occupation = Occupation.objects.get(soc_code="15-1232")
    return seeker(
        first_name="Lupe",
        last_name="Ortiz",
        email="lupe@people.example",
        headline="Bilingual help desk tech, A+ certified",
        zip_code="79936",
        work_settings=["hybrid"],
        commute_miles=15,
        availability=["day", "evening"],
        education=Education.SOME_COLLEGE,
        skills=[("python", 3, "Python Evenings at Borderland College"), ("linux", 1, ""), "git"],
        occupations=[occupation],
    )


def test_the_applicant_page_shows_profile_note_history_and_moves(client, personas, our_job, lupe):
    app = application(
        our_job, lupe, status="interview", actor=personas.employer, note="I can start in June."
    )
    client.force_login(personas.employer_member)
    response = page(client, app)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lupe Ortiz" in html and "lupe@people.example" in html
    assert "Applied to Junior Python Developer" in html
    assert "Bilingual help desk tech, A+ certified" in html
    assert "79936" in html
    assert "Hybrid" in html and "up to 15 miles away" in html
    assert "Daytime, Evenings" in html
    assert "Some college, no degree" in html
    assert Occupation.objects.get(soc_code="15-1232").title_en in html
    assert "Verified by Python Evenings at Borderland College" in html
    assert "Advanced: I use it on my own" in html
    assert "Has 2 of the job’s 3 required skills." in html
    assert 'data-testid="their-note">I can start in June.<' in html
    # History: who changed what, and when.
    history = html.split('data-testid="history"')[1].split("</ol>")[0]
    assert history.count("<li") == 3
    assert "by the applicant" in history
    assert f"by {personas.employer.display_name}" in history
    assert "(from Reviewing)" in history
    # The moves an interview allows, with the reasons list.
    assert "Back to reviewing" in html and "Move to offer" in html
    assert "The position was filled" in html
    assert 'data-testid="no-resume"' in html
    assert 'data-testid="no-notes"' in html
    assert 'data-testid="record-hire"' not in html


def test_demographics_never_appear(client, personas, our_job, lupe):
    Demographics.objects.create(
        user=lupe,
        hispanic_latino="yes",
        veteran="yes",
        sex="female",
        birth_year=1994,
        long_term_unemployed="yes",
        education=Education.BACHELOR,
        race=["white"],
    )
    app = application(our_job, lupe)
    client.force_login(personas.employer)
    html = page(client, app).content.decode()
    for text in [
        "Hispanic",
        "Latino",
        "Veteran",
        "veteran",
        "1994",
        "Female",
        "27 weeks",
        "Bachelor",
        "White",
        "year of birth",
    ]:
        assert text not in html, text
    assert "Some college, no degree" in html  # the profile's own answer, not the survey's


def test_an_applicant_without_a_profile(client, personas, our_job):
    person = UserFactory(first_name="No", last_name="Profile")
    app = application(our_job, person)
    client.force_login(personas.employer)
    html = page(client, app).content.decode()
    assert 'data-testid="no-profile"' in html


def test_a_rejected_applicant_shows_the_reason_and_no_moves(client, personas, our_job):
    app = application(our_job, status="rejected", reason="no_response", actor=personas.employer)
    client.force_login(personas.employer)
    html = page(client, app).content.decode()
    assert "We could not reach the applicant" in html
    assert "Reason: We could not reach the applicant" in html
    assert "No further moves." in html


def test_hired_shows_a_prominent_link_to_record_the_hire(client, personas, our_job):
    app = application(our_job, status="hired", actor=personas.employer)
    client.force_login(personas.employer)
    html = page(client, app).content.decode()
    link = reverse("employers:hire_create") + f"?application={app.pk}"
    assert 'data-testid="record-hire-link"' in html and f'href="{link}"' in html


def test_once_reported_the_hire_is_shown_instead(client, personas, our_job):
    app = application(our_job, status="hired", actor=personas.employer)
    Hire.objects.create(
        employer=personas.orgs.employer,
        application=app,
        job=our_job,
        seeker=app.seeker,
        occupation=our_job.occupation,
        start_date="2020-06-01",
        wage="20.00",
        wage_unit="hour",
        reported_by=personas.employer,
    )
    client.force_login(personas.employer)
    html = page(client, app).content.decode()
    assert "The hire is reported" in html
    assert 'data-testid="record-hire-link"' not in html


def test_query_count_does_not_grow_with_history_notes_and_skills(client, personas, our_job):
    person = seeker(skills=["python"])
    app = application(our_job, person, status="offer", actor=personas.employer)
    client.force_login(personas.employer)
    url = reverse("employers:applicant", args=[app.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    for i in range(20):
        ApplicationNote.objects.create(application=app, author=personas.employer, text=f"n{i}")
    profile_for(person, skills=["sql", "linux", "git", "html", "css", "javascript"])
    assert count() <= small


# ---------------------------------------------------------------------------
# Resume
# ---------------------------------------------------------------------------
def test_the_resume_link_and_download(client, personas, our_job, private_storage):
    app = attach_resume(application(our_job), name="Lupe Ortiz CV.pdf")
    client.force_login(personas.employer_member)
    html = page(client, app).content.decode()
    url = reverse("employers:applicant_resume", args=[app.pk])
    assert f'href="{url}"' in html and "Download Lupe Ortiz CV.pdf (PDF)" in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Lupe Ortiz CV.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_resume_name_gets_pdf_and_loses_control_characters(
    client, personas, our_job, private_storage
):
    app = attach_resume(application(our_job), name="my\r\ncv")
    client.force_login(personas.employer)
    response = client.get(reverse("employers:applicant_resume", args=[app.pk]))
    assert response.status_code == 200
    assert 'filename="mycv.pdf"' in response["Content-Disposition"]


def test_no_resume_is_404(client, personas, our_job, private_storage):
    app = application(our_job)
    client.force_login(personas.employer)
    assert client.get(reverse("employers:applicant_resume", args=[app.pk])).status_code == 404


def test_a_missing_file_is_404_not_500(client, personas, our_job, private_storage):
    app = attach_resume(application(our_job))
    (private_storage / app.resume.name).unlink()
    client.force_login(personas.employer)
    assert client.get(reverse("employers:applicant_resume", args=[app.pk])).status_code == 404


@pytest.mark.parametrize("persona,status", [("other_employer", 404), ("pending_employer", 403)])
def test_another_employer_cannot_get_the_resume(
    client, personas, our_job, private_storage, persona, status
):
    app = attach_resume(application(our_job))
    client.force_login(getattr(personas, persona))
    response = client.get(reverse("employers:applicant_resume", args=[app.pk]))
    assert response.status_code == status
    assert b"%PDF" not in response.content


@pytest.mark.parametrize("persona", ["seeker", "other_seeker", "provider", "partner", "staff"])
def test_other_roles_cannot_get_the_resume(client, personas, our_job, private_storage, persona):
    app = attach_resume(application(our_job, personas.seeker))
    client.force_login(getattr(personas, persona))
    response = client.get(reverse("employers:applicant_resume", args=[app.pk]))
    assert response.status_code == 403
    assert b"%PDF" not in response.content
    assert Application.objects.get(pk=app.pk).status == "submitted"
