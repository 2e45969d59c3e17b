"""A person downloads everything the portal holds about them: one zip with data.json and
their files, built in a temporary file and streamed; recorded in the audit trail."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from apps.audit.models import Action, AuditEntry
from apps.core.i18n import localized
from tests.factories import PASSWORD
from tests.factories.pipeline import PDF, use_private_storage

from .privacy_world import past_event_rsvp, person_with_everything

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    return use_private_storage(settings, tmp_path, monkeypatch)


def confirm(client, user) -> None:
    """Signed in, and confirmed it is them with their password a moment ago (allauth's
    reauthentication, which the download asks for: test_privacy_reauthentication.py)."""
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def download(client, user) -> zipfile.ZipFile:
    confirm(client, user)  # then from the pages in their language
    response = client.post(localized(reverse("privacy_download"), user.preferred_language))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="reboot-el-paso-my-data-'
    )
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_archive_holds_everything_about_the_person_and_their_files(client, personas):
    world = person_with_everything(personas)
    past_event_rsvp(world.lupe, personas.orgs.partner)
    archive = download(client, world.lupe)
    names = set(archive.namelist())
    assert {"data.json", "README.txt"} <= names
    data = json.loads(archive.read("data.json"))

    account = data["account"]
    assert (account["email"], account["first_name"], account["last_name"]) == (
        "lupe@people.example",
        "Lupe",
        "Ortiz",
    )
    assert account["email_addresses"] == [
        {"email": "lupe@people.example", "verified": True, "primary": True}
    ]
    assert len(account["open_sessions"]) == 1  # this download's own session
    profile = data["profile"]
    assert profile["headline"] == "Bilingual help desk technician"
    assert {"Python", "Linux"} <= {s["skill"] for s in profile["skills"]}
    assert profile["target_occupations"][0]["soc_code"] == "15-1252"
    assert data["demographics"]["veteran"] == "yes"
    assert data["demographics"]["race"] == ["white", "american_indian"]

    # Their resume, and the copy that went with their application, byte for byte.
    resume_path = profile["resume"]["file"]
    assert resume_path == "files/resume/Lupe CV.pdf"
    assert archive.read(resume_path) == PDF
    applications = {a["job"]: a for a in data["applications"]}
    open_one = applications["Help Desk Technician"]
    assert open_one["status"] == "reviewing"
    assert open_one["your_note"] == "I can start next week."
    assert [h["to"] for h in open_one["history"]] == ["submitted", "reviewing"]
    assert archive.read(open_one["resume_file"]) == PDF
    # The employer's private notes are theirs, not shown to the applicant.
    assert "Great on the phone" not in archive.read("data.json").decode()

    assert len(data["hires_reported_about_you"]) == 2
    assert {e["status"] for e in data["enrollments"]} == {"completed", "applied"}
    assert [r["partner"] for r in data["referrals_about_you"]] == ["Progress 321"]
    assert data["referrals_about_you"][0]["note_for_you"] == "Call me when you sign up!"
    assert {r["status"] for r in data["event_rsvps"]} == {"going"}
    assert len(data["event_rsvps"]) == 2
    assert data["job_alerts"][0]["search"] == "q=python"
    assert data["invitations_to_apply"][0]["job"] == "Junior Developer"
    assert data["email_choices"] == {"job_matches": "weekly"}
    kinds = {n["kind"] for n in data["notifications"]}
    assert "application_status" in kinds  # the move to "reviewing" was announced
    # The audit trail's decisions about them (the employer's move), without who made it.
    decisions = data["decisions_about_you"]
    assert any(d["action"] == "application_moved" for d in decisions)
    assert personas.employer_member.email not in json.dumps(decisions)


def test_another_persons_data_is_not_in_it(client, personas):
    world = person_with_everything(personas)
    other = person_with_everything(personas, name=("Ana", "Perez"), email="ana@people.example")
    text = download(client, world.lupe).read("data.json").decode()
    assert "ana@people.example" not in text
    assert "Perez" not in text
    assert other.lupe.email not in text


def test_the_download_is_on_the_audit_trail(client, personas):
    archive = download(client, personas.seeker)
    data = json.loads(archive.read("data.json"))
    assert data["profile"] is None and data["applications"] == []
    entry = AuditEntry.objects.get(action=Action.DATA_DOWNLOADED)
    assert (entry.actor, entry.person) == (personas.seeker, personas.seeker)


def test_an_employer_member_gets_their_account_and_what_they_did(client, personas):
    world = person_with_everything(personas)
    data = json.loads(download(client, world.teammate).read("data.json"))
    assert data["account"]["organization"]["name"] == "Sun City Software"
    assert data["account"]["organization"]["role"] == "member"
    assert data["your_work_for_an_employer"]["applicant_moves"] == 1
    # Applicants' details are the employer's records, not the member's own data.
    assert "lupe@people.example" not in json.dumps(data)


def test_the_page_explains_and_speaks_spanish(client, personas):
    personas.seeker.preferred_language = "es"
    personas.seeker.save()
    confirm(client, personas.seeker)
    response = client.get(localized(reverse("privacy_export"), "es"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Descargar mis datos" in html
    assert localized(reverse("privacy_download"), "es") in html
    assert localized(reverse("privacy_delete"), "es") in html


def test_the_readme_is_in_the_persons_language(client, personas):
    personas.seeker.preferred_language = "es"
    personas.seeker.save()
    readme = download(client, personas.seeker).read("README.txt").decode()
    assert "Sus datos de Reboot El Paso" in readme


def test_the_account_page_links_to_it(client, personas):
    client.force_login(personas.employer)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert reverse("privacy_export") in html
    assert reverse("privacy_delete") in html


def test_download_needs_post(client, personas):
    confirm(client, personas.seeker)
    assert client.get(reverse("privacy_download")).status_code == 405
    assert not AuditEntry.objects.exists()
