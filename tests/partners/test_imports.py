"""Bulk referral by CSV: per-row errors, whole-file refusals, confirm, a real worker."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.i18n import localized
from apps.partners.models import Referral, ReferralImport
from apps.partners.services import imports as services
from tests.factories import UserFactory
from tests.factories.partners import ReferralFactory

HEADER = "name,email,language,note\n"


def upload(client, content: bytes, name="people.csv"):
    return client.post(
        reverse("partners:import_upload"),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv"), "language": "en"},
    )


@pytest.mark.django_db
def test_preview_lists_each_rows_problems_and_imports_nothing(client, personas):
    ReferralFactory(partner=personas.orgs.partner, email="known@people.example")
    UserFactory(email="member@people.example")
    rows = (
        HEADER
        + "Ana Ruiz,ana@people.example,es,Hola\n"
        + "Bad Email,not-an-email,en,\n"
        + "Ana Again,ANA@people.example,en,\n"
        + "Known,known@people.example,en,\n"
        + "Member,member@people.example,,\n"
    )
    client.force_login(personas.partner)
    response = upload(client, rows.encode())
    assert response.status_code == 302
    batch = ReferralImport.objects.get()
    assert not Referral.objects.filter(batch=batch).exists()
    errors = {row["line"]: row["errors"] for row in batch.rows}
    assert errors[2] == []
    assert "not a valid email" in errors[3][0]
    assert "earlier in the file" in errors[4][0]
    assert "already referred" in errors[5][0]
    assert "already has an account" in errors[6][0]
    html = client.get(reverse("partners:import", args=[batch.pk])).content.decode()
    assert "1 person can be imported" in html
    assert "Nothing is imported until you confirm" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"nombre;correo\nA;a@x.example\n", "people.csv", "first row must be"),
        (
            # Over the import's 2 MB, under the upload limit (a larger body gets a 413 page).
            HEADER.encode() + b"A,a@x.example,en," + b"x" * (3 * 1024 * 1024),
            "big.csv",
            "too large",
        ),
        (b"%PDF-1.4 binary", "people.pdf", "Upload a .csv file"),
        (HEADER.encode() + "Peña,p@x.example,es,\n".encode("latin-1"), "people.csv", "UTF-8"),
        (b"", "people.csv", "empty"),
    ],
)
def test_a_bad_file_is_refused_whole(client, personas, content, name, message):
    client.force_login(personas.partner)
    response = upload(client, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReferralImport.objects.exists()
    assert not Referral.objects.exists()


@pytest.mark.django_db
def test_the_spanish_header_is_accepted(personas):
    rows = services.read_rows(
        data="nombre,correo,idioma,nota\nAna,ana@x.example,español,\n".encode(),
        filename="referidos.csv",
    )
    checked = services.check_rows(partner=personas.orgs.partner, rows=rows, default_language="en")
    assert checked[0]["errors"] == []
    assert checked[0]["language"] == "es"


@pytest.mark.django_db
def test_the_template_downloads_in_each_language(client, personas):
    client.force_login(personas.partner)
    english = client.get(reverse("partners:import_template")).content.decode()
    assert english.startswith("name,email,language,note")
    personas.partner.preferred_language = "es"
    personas.partner.save()
    spanish = client.get(localized(reverse("partners:import_template"), "es")).content.decode()
    assert spanish.startswith("nombre,correo,idioma,nota")


@pytest.mark.django_db
def test_confirm_imports_the_good_rows_once(client, personas, django_capture_on_commit_callbacks):
    client.force_login(personas.partner)
    upload(client, (HEADER + "Ana,ana@x.example,es,\nBad,bad,en,\n").encode())
    batch = ReferralImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partners:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ReferralImport.Status.DONE
    assert (batch.imported, batch.processed) == (1, 1)
    assert Referral.objects.get().language == "es"
    response = client.post(reverse("partners:import_confirm", args=[batch.pk]))
    assert response.status_code == 302
    assert Referral.objects.count() == 1


@pytest.mark.django_db
def test_another_partners_import_answers_404(client, personas):
    theirs = ReferralImport.objects.create(partner=personas.orgs.other_partner, rows=[])
    client.force_login(personas.partner)
    assert client.get(reverse("partners:import", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("partners:import_confirm", args=[theirs.pk])).status_code == 404


def test_a_real_worker_imports_a_large_file(client, personas, start_worker):
    start_worker(concurrency=1)
    lines = [f"Person {i},person{i}@people.example,en,\n" for i in range(300)]
    client.force_login(personas.partner)
    upload(client, (HEADER + "".join(lines)).encode())
    batch = ReferralImport.objects.get()
    client.post(reverse("partners:import_confirm", args=[batch.pk]))
    seen_progress = set()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        batch.refresh_from_db()
        seen_progress.add(batch.processed)
        if batch.status == ReferralImport.Status.DONE:
            break
        time.sleep(0.2)
    assert batch.status == ReferralImport.Status.DONE
    assert batch.imported == 300
    assert Referral.objects.filter(partner=personas.orgs.partner).count() == 300
    html = client.get(
        reverse("partners:import", args=[batch.pk]), headers={"hx-request": "true"}
    ).content.decode()
    assert "Imported 300" in html
    assert "<html" not in html  # the htmx partial
