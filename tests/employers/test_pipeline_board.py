"""The pipeline of one job: applicants by stage, the match hint, the moves each row offers,
query counts that stay flat, and the CSV export."""

import csv
import io

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.core.i18n import localized
from apps.employers.models import Application, ApplicationEvent
from apps.employers.views import pipeline as pipeline_views
from apps.notifications.models import Notification
from tests.factories.pipeline import application, job, seeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def our_job(personas):
    """A published job of Sun City Software requiring Python, SQL and Linux."""
    return job(personas.orgs.employer, title="Junior Python Developer")


@pytest.fixture
def their_job(personas):
    """Other Employer's job, with text only they should ever see."""
    return job(personas.orgs.other_employer, title="Their Secret Opening")


def board(client, job):
    return client.get(reverse("employers:pipeline", args=[job.pk]))


def rows_of(html: str) -> list[str]:
    return html.split('data-testid="applicant-row"')[1:]


def row_for(html: str, app) -> str:
    return next(r for r in rows_of(html) if f"/employer/applications/{app.pk}/" in r)


# ---------------------------------------------------------------------------
# The board
# ---------------------------------------------------------------------------
def test_applicants_are_grouped_by_stage_with_name_date_and_match(client, personas, our_job):
    lupe = seeker(first_name="Lupe", last_name="Peña", skills=["python", "sql", "git"])
    submitted = application(our_job, lupe)
    interview = application(our_job, status="interview", actor=personas.employer)
    rejected = application(our_job, status="rejected", reason="filled", actor=personas.employer)
    withdrawn = application(our_job, status="withdrawn")
    client.force_login(personas.employer_member)
    response = board(client, our_job)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Applicants: Junior Python Developer" in html
    assert 'data-testid="count-submitted">1<' in html
    assert 'data-testid="count-interview">1<' in html
    assert 'data-testid="count-offer">0<' in html
    # Stages in pipeline order, then the closed ones, folded away in an accordion.
    order = [html.index(f'id="stage-{s}"') for s in ("submitted", "reviewing", "interview")]
    assert order == sorted(order)
    assert html.index('data-testid="closed-rejected"') > order[-1]
    assert 'aria-expanded="false" aria-controls="stage-rejected-content"' in html
    row = row_for(html, submitted)
    assert "Lupe Peña" in row
    assert submitted.created_at.strftime("%Y") in row
    # Lupe lists Python and SQL of the required Python, SQL, Linux (Git is not required).
    assert 'data-testid="match">2 of 3<' in row
    assert 'data-testid="match">0 of 3<' in row_for(html, interview)
    assert "The position was filled" in row_for(html, rejected)
    assert "No further moves." in row_for(html, withdrawn)


def test_each_row_offers_the_moves_its_status_allows(client, personas, our_job):
    submitted = application(our_job)
    interview = application(our_job, status="interview")
    offer = application(our_job, status="offer")
    hired = application(our_job, status="hired")
    client.force_login(personas.employer)
    html = board(client, our_job).content.decode()

    row = row_for(html, submitted)
    assert 'data-testid="action-reviewing"' in row and "Start review" in row
    assert 'data-testid="action-interview"' in row
    assert 'data-testid="action-rejected"' in row and 'name="reason"' in row
    assert 'data-testid="action-offer"' not in row and 'data-testid="action-hired"' not in row
    assert 'data-testid="action-withdrawn"' not in row  # the seeker's own decision
    assert 'name="applications"' in row and 'form="bulk-form"' in row

    row = row_for(html, interview)
    assert "Back to reviewing" in row and 'data-testid="action-offer"' in row

    row = row_for(html, offer)
    assert "Back to interview" in row and "Mark hired" in row

    row = row_for(html, hired)
    assert "No further moves." in row
    assert 'name="applications"' not in row
    assert f"/employer/hires/new/?application={hired.pk}" in row
    for value, _label in [("filled", ""), ("skills", ""), ("no_response", "")]:
        assert f'value="{value}"' in html


def test_empty_pipeline(client, personas, our_job):
    client.force_login(personas.employer)
    html = board(client, our_job).content.decode()
    assert 'data-testid="empty-pipeline"' in html
    assert 'data-testid="csv-link"' not in html


def test_viewing_changes_nothing(client, personas, our_job):
    app = application(our_job)
    client.force_login(personas.employer)
    board(client, our_job)
    client.get(reverse("employers:applicant", args=[app.pk]))
    client.get(reverse("employers:pipeline_csv", args=[our_job.pk]))
    app.refresh_from_db()
    assert app.status == "submitted"
    assert ApplicationEvent.objects.filter(application=app).count() == 1
    assert not Notification.objects.filter(kind="application_status").exists()


def test_only_this_jobs_applicants_are_listed(client, personas, our_job, their_job):
    application(their_job, seeker(first_name="Hidden", last_name="Person"))
    application(our_job, seeker(first_name="Visible", last_name="Person"))
    client.force_login(personas.employer)
    html = board(client, our_job).content.decode()
    assert "Visible Person" in html and "Hidden Person" not in html


def test_query_count_does_not_grow_with_applicants(client, personas, our_job):
    client.force_login(personas.employer)
    url = reverse("employers:pipeline", args=[our_job.pk])
    statuses = ["submitted", "reviewing", "interview", "offer", "hired", "rejected", "withdrawn"]

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for i in range(10):
        application(
            our_job,
            seeker(skills=["python", "sql"][: i % 3]),
            status=statuses[i % 7],
            actor=personas.employer,
        )
    ten = count()
    for i in range(90):
        application(
            our_job,
            seeker(skills=["python", "linux", "git"][: i % 4]),
            status=statuses[i % 7],
            actor=personas.employer,
        )
    assert Application.objects.filter(job=our_job).count() == 100
    assert count() <= ten


# ---------------------------------------------------------------------------
# CSV export
# ---------------------------------------------------------------------------
def read_csv(response) -> list[list[str]]:
    """The streamed file's rows (the file is sent in pieces, never built whole)."""
    assert response.streaming
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_csv_lists_the_jobs_applicants(client, personas, our_job, their_job):
    lupe = seeker(
        first_name="María José",
        last_name="Peña",
        email="maria.pena@people.example",
        skills=["python", "linux"],
    )
    application(our_job, lupe, status="interview", actor=personas.employer)
    application(our_job, status="rejected", reason="experience", actor=personas.employer)
    application(their_job, seeker(first_name="Hidden", last_name="Person"))
    client.force_login(personas.employer_member)
    response = client.get(reverse("employers:pipeline_csv", args=[our_job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="applicants-{our_job.pk}-junior-python-developer-' in disposition
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    rows = read_csv(response)
    assert rows[0] == [
        "Name",
        "Email",
        "Status",
        "Applied on",
        "Last change",
        "Required skills matched (of 3)",
        "Reason not selected",
    ]
    assert len(rows) == 3
    maria = next(r for r in rows if r[1] == "maria.pena@people.example")
    assert maria[0] == "María José Peña"
    assert maria[2] == "Interview"
    assert maria[5] == "2"
    assert maria[6] == ""
    assert len(maria[3]) == 10 and len(maria[4]) == 16  # 2024-05-01 and 2024-05-02 10:30
    rejected = next(r for r in rows[1:] if r[1] != "maria.pena@people.example")
    assert rejected[2] == "Not selected" and rejected[6] == "More experience needed"
    assert all(row[0] != "Hidden Person" for row in rows)


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_never_run_as_formulas(client, personas, our_job, evil):
    application(our_job, seeker(first_name=evil, last_name="Ortiz"))
    client.force_login(personas.employer)
    rows = read_csv(client.get(reverse("employers:pipeline_csv", args=[our_job.pk])))
    assert rows[1][0] == f"'{evil} Ortiz"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))


def test_csv_follows_the_users_language(client, personas, our_job):
    personas.employer.preferred_language = "es"
    personas.employer.save()
    application(our_job)
    client.force_login(personas.employer)
    response = client.get(localized(reverse("employers:pipeline_csv", args=[our_job.pk]), "es"))
    # The rows are written while the file is sent, maybe after the thread served someone
    # else: they keep the language of the request that asked for them.
    translation.activate("en")
    rows = read_csv(response)
    assert rows[0][0] == "Nombre" and rows[0][2] == "Estado"
    assert len(rows) == 2
    assert rows[1][2] == "Enviada"


def test_csv_is_streamed_reading_applicants_in_chunks_of_one_query(
    client, personas, our_job, monkeypatch
):
    monkeypatch.setattr(pipeline_views, "EXPORT_CHUNK_SIZE", 2)
    emails = [f"applicant{i}@people.example" for i in range(5)]
    for i, email in enumerate(emails):
        application(our_job, seeker(email=email, skills=["python", "sql"][: i % 3]))
    client.force_login(personas.employer)
    with CaptureQueriesContext(connection) as before:
        response = client.get(reverse("employers:pipeline_csv", args=[our_job.pk]))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert not response.has_header("Content-Length")
    # Nothing is read before the file starts; then one query, fetched two rows at a time.
    applicants_sql = 'FROM "employers_application"'
    assert not any(applicants_sql in q["sql"] for q in before.captured_queries)
    with CaptureQueriesContext(connection) as during:
        pieces = list(response.streaming_content)
    assert len(during) == 1 and applicants_sql in during[0]["sql"]
    assert len(pieces) == 1 + len(emails)  # the header, then one piece per applicant
    content = b"".join(pieces).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert rows[0][:2] == ["Name", "Email"]
    assert [row[1] for row in rows[1:]] == emails  # first applicant first, across chunks
    assert [row[5] for row in rows[1:]] == ["0", "1", "2", "0", "1"]
    assert all(len(row) == 7 for row in rows)
