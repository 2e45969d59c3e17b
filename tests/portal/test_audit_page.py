"""The staff's audit trail: filters by person, organization, action and dates, pages, CSV
export; every other signed-in person gets 404 (tests/access/portal.py sweeps each role)."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import Action
from apps.audit.services import record
from apps.core.i18n import localized

pytestmark = pytest.mark.django_db
URL = reverse("audit_log")


@pytest.fixture
def trail(personas):
    """Three entries: an approval (last week), a pipeline move about the seeker, an export."""
    approval = record(
        action=Action.ORGANIZATION_APPROVED,
        actor=personas.staff,
        target=personas.orgs.provider,
        organization=personas.orgs.provider,
    )
    moved = record(
        action=Action.APPLICATION_MOVED,
        actor=personas.employer,
        target=personas.seeker,
        target_label='=HYPERLINK("http://evil.example")',
        organization=personas.orgs.employer,
        person=personas.seeker,
        details={"from": "submitted", "to": "interview", "bulk": False},
    )
    export = record(
        action=Action.APPLICANTS_EXPORTED,
        actor=personas.employer,
        organization=personas.orgs.employer,
    )
    return {"approval": approval, "moved": moved, "export": export}


def rows(response):
    return response.context["page"].object_list


def test_staff_see_every_entry_newest_first(client, personas, trail):
    client.force_login(personas.staff)
    response = client.get(URL)
    assert response.status_code == 200
    assert list(rows(response)) == [trail["export"], trail["moved"], trail["approval"]]
    html = response.content.decode()
    assert "Applicant moved in the pipeline" in html
    # Statuses by their labels, in the reader's language.
    assert "(Submitted → Interview)" in html


def test_moves_show_status_labels_in_spanish(client, personas, trail):
    record(
        action=Action.ENROLLMENT_COMPLETED,
        actor=personas.provider,
        target=personas.seeker,
        organization=personas.orgs.provider,
        person=personas.seeker,
        details={"from": "enrolled", "to": "completed"},
    )
    client.force_login(personas.staff)
    html = client.get(localized(URL, "es")).content.decode()
    assert "(Enviada → Entrevista)" in html
    assert "(Inscrito → Terminado)" in html
    assert "enrolled → completed" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"person": "seeker@people"}, ["moved"]),
        ({"action": "organization_approved"}, ["approval"]),
        ({"organization": "EMPLOYER"}, ["export", "moved"]),
    ],
)
def test_filters(client, personas, trail, query, expected):
    if query.get("organization") == "EMPLOYER":
        query = {"organization": personas.orgs.employer.pk}
    client.force_login(personas.staff)
    response = client.get(URL, query)
    assert list(rows(response)) == [trail[name] for name in expected]


def test_a_date_range_in_el_paso_days(client, personas, trail):
    today = timezone.localdate()
    client.force_login(personas.staff)
    assert len(rows(client.get(URL, {"since": today.isoformat()}))) == 3
    assert len(rows(client.get(URL, {"until": (today - timedelta(days=1)).isoformat()}))) == 0
    response = client.get(URL, {"since": today.isoformat(), "until": "2000-01-01"})
    assert response.status_code == 400
    assert "Choose a day on or after the first one." in response.content.decode()


def test_pages_and_a_fixed_number_of_queries(client, personas):
    for _ in range(120):
        record(
            action=Action.JOB_PUBLISHED, actor=personas.staff, organization=personas.orgs.employer
        )
    client.force_login(personas.staff)
    first = client.get(URL)
    assert first.context["page"].paginator.num_pages == 3
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"page": 3})
    for _ in range(200):
        record(
            action=Action.JOB_PUBLISHED, actor=personas.staff, organization=personas.orgs.employer
        )
    with CaptureQueriesContext(connection) as large:
        client.get(URL, {"page": 3})
    assert len(large) == len(small)


def test_csv_export_with_the_filters(client, personas, trail):
    client.force_login(personas.staff)
    response = client.get(reverse("audit_csv"), {"organization": personas.orgs.employer.pk})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:3] == ["When", "Action", "By"]
    assert [row[1] for row in table[1:]] == [
        "Applicants exported (CSV)",
        "Applicant moved in the pipeline",
    ]
    # A label that looks like a formula is written as text.
    assert table[2][3].startswith("'=HYPERLINK")


def test_an_erased_person_reads_as_the_anonymous_label(client, personas, trail):
    from apps.portal.privacy import erase_account

    erase_account(user=personas.seeker, actor=personas.seeker)
    personas.seeker.refresh_from_db()
    client.force_login(personas.staff)
    response = client.get(URL, {"person": personas.seeker.erased_key})
    html = response.content.decode()
    assert f"Erased person {personas.seeker.erased_key}" in html
    assert "seeker@people.example" not in html
    assert {e.action for e in rows(response)} == {Action.APPLICATION_MOVED, Action.ACCOUNT_ERASED}


def test_linked_from_the_staff_navigation(client, personas):
    client.force_login(personas.staff)
    html = client.get(reverse("dashboard")).content.decode()
    assert f'href="{URL}"' in html
    assert reverse("staff_people") in html


def test_in_spanish(client, personas, trail):
    personas.staff.preferred_language = "es"
    personas.staff.save()
    client.force_login(personas.staff)
    html = client.get(localized(URL, "es")).content.decode()
    assert "Registro de auditoría" in html
    assert "Solicitante movido en el proceso de selección" in html


def test_everyone_else_gets_404(client, personas, trail):
    for persona in ("seeker", "employer", "provider", "partner"):
        client.force_login(getattr(personas, persona))
        assert client.get(URL).status_code == 404, persona
        assert client.get(reverse("audit_csv")).status_code == 404, persona


def test_a_providers_roster_moves_show_and_filter_in_both_languages(client, personas):
    for action, to in [
        (Action.ENROLLMENT_MOVED, "accepted"),
        (Action.ENROLLMENT_COMPLETED, "completed"),
    ]:
        record(
            action=action,
            actor=personas.provider,
            target_label="Help Desk Basics · 2026-01-05",
            organization=personas.orgs.provider,
            person=personas.seeker,
            details={"from": "enrolled", "to": to},
        )
    client.force_login(personas.staff)
    html = client.get(URL, {"action": Action.ENROLLMENT_COMPLETED}).content.decode()
    assert "Training completed: skills verified" in html
    assert "(Enrolled → Completed)" in html
    assert "Enrollment moved on a class roster" not in html.split('data-testid="audit-entries"')[-1]
    html = client.get(localized(URL, "es")).content.decode()
    assert "Inscripción movida en la lista de participantes de una clase" in html
    assert "Capacitación terminada: habilidades verificadas" in html
