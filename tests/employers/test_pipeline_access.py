"""Who reaches the pipeline and the talent search: the employer's own team only.

Another employer's jobs, applications, notes and resumes answer 404 and their text never
shows; an employer that is not approved gets 403 before any row is looked up; other roles
get 403; anonymous visitors are sent to sign in; and nothing changes on the way.
"""

import pytest
from django.urls import reverse

from apps.employers.models import Application, ApplicationEvent, ApplicationNote
from apps.notifications.models import Notification
from tests.factories.pipeline import application, attach_resume, job, seeker, use_private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_storage(settings, tmp_path, monkeypatch):
    return use_private_storage(settings, tmp_path, monkeypatch)


SECRETS = [
    "Their Secret Opening",
    "Secret Applicant",
    "secret-applicant@people.example",
    "A note only Sun City may read.",
    "A cover note only Sun City may read.",
]


@pytest.fixture
def ours(personas, private_storage):
    """Sun City Software's job, an applicant with a resume, and a private note."""
    person = seeker(
        first_name="Secret",
        last_name="Applicant",
        email="secret-applicant@people.example",
        skills=["python"],
    )
    row = application(
        job(personas.orgs.employer, title="Their Secret Opening"),
        person,
        note="A cover note only Sun City may read.",
    )
    attach_resume(row)
    ApplicationNote.objects.create(
        application=row, author=personas.employer, text="A note only Sun City may read."
    )
    return row


def requests_for(app):
    job_pk, pk = app.job_id, app.pk
    return [
        ("get", reverse("employers:pipeline", args=[job_pk]), None),
        ("get", reverse("employers:pipeline_csv", args=[job_pk]), None),
        (
            "post",
            reverse("employers:pipeline_bulk", args=[job_pk]),
            {"applications": [pk], "to": "reviewing"},
        ),
        ("get", reverse("employers:applicant", args=[pk]), None),
        ("get", reverse("employers:applicant_confirm_hire", args=[pk]), None),
        ("post", reverse("employers:applicant_move", args=[pk]), {"to": "reviewing"}),
        ("post", reverse("employers:applicant_note", args=[pk]), {"text": "Stolen"}),
        ("get", reverse("employers:applicant_resume", args=[pk]), None),
    ]


def assert_untouched(app):
    assert Application.objects.get(pk=app.pk).status == "submitted"
    assert ApplicationEvent.objects.filter(application=app).count() == 1
    assert list(ApplicationNote.objects.values_list("text", flat=True)) == [
        "A note only Sun City may read."
    ]
    assert not Notification.objects.filter(kind="application_status").exists()


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode()


@pytest.mark.parametrize(
    "persona,status",
    # A pending employer is stopped before any row is looked up: not approved (403).
    [("other_employer", 404), ("pending_employer", 403)],
)
def test_another_employers_rows_answer_404_and_show_nothing(
    client, personas, ours, persona, status
):
    client.force_login(getattr(personas, persona))
    for method, url, data in requests_for(ours):
        response = getattr(client, method)(url, data or {})
        where = f"{method.upper()} {url} as {persona}"
        assert response.status_code == status, where
        html = body(response)
        for secret in SECRETS:
            assert secret not in html, f"{where} shows {secret!r}"
        assert "%PDF" not in html, where
    assert_untouched(ours)


@pytest.mark.parametrize("persona", ["seeker", "other_seeker", "provider", "partner", "staff"])
def test_other_roles_get_403(client, personas, ours, persona):
    client.force_login(getattr(personas, persona))
    for method, url, data in [
        *requests_for(ours),
        ("get", reverse("employers:talent"), None),
        ("get", reverse("employers:talent_profile", args=[ours.seeker.seeker_profile.pk]), None),
    ]:
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, f"{method.upper()} {url} as {persona}"
        for secret in SECRETS:
            assert secret not in body(response)
    assert_untouched(ours)


def test_the_applicant_themself_gets_403(client, ours):
    client.force_login(ours.seeker)
    for method, url, data in requests_for(ours):
        assert getattr(client, method)(url, data or {}).status_code == 403, url
    assert_untouched(ours)


def test_anonymous_visitors_are_sent_to_sign_in(client, ours):
    login = reverse("account_login")
    for method, url, data in [
        *requests_for(ours),
        ("get", reverse("employers:talent"), None),
        ("get", reverse("employers:talent_profile", args=[ours.seeker.seeker_profile.pk]), None),
    ]:
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302, url
        assert response["Location"].startswith(login), url
    assert_untouched(ours)


@pytest.mark.parametrize("persona", ["employer", "employer_member"])
def test_the_jobs_own_team_reaches_every_page(client, personas, ours, persona):
    client.force_login(getattr(personas, persona))
    gets = [(m, url) for m, url, _ in requests_for(ours) if m == "get"]
    confirm_hire = reverse("employers:applicant_confirm_hire", args=[ours.pk])
    for _method, url in gets:
        response = client.get(url)
        # Not at "offer" yet: "mark hired?" sends them back to the applicant, saying why.
        assert response.status_code == (302 if url == confirm_hire else 200), url
    assert "Secret Applicant" in client.get(gets[0][1]).content.decode()
    html = client.get(reverse("employers:applicant", args=[ours.pk])).content.decode()
    for secret in SECRETS:
        assert secret in html, secret
    assert_untouched(ours)


def test_unknown_rows_are_404(client, personas):
    client.force_login(personas.employer)
    for name in [
        "pipeline",
        "pipeline_csv",
        "applicant",
        "applicant_confirm_hire",
        "applicant_resume",
    ]:
        assert client.get(reverse(f"employers:{name}", args=[999999])).status_code == 404
    for name, data in [
        ("pipeline_bulk", {"applications": [1], "to": "reviewing"}),
        ("applicant_move", {"to": "reviewing"}),
        ("applicant_note", {"text": "x"}),
    ]:
        assert client.post(reverse(f"employers:{name}", args=[999999]), data).status_code == 404
