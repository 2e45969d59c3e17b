"""Uploading, replacing, downloading and deleting the private PDF resume."""

import pytest
from django.urls import reverse

from apps.seekers import services
from apps.seekers.models import Resume

from .helpers import PDF, pdf_upload

pytestmark = pytest.mark.django_db

RESUME = "/en/profile/resume/"


def test_page_without_a_resume_offers_the_upload_form(seeker_client, private_storage):
    response = seeker_client.get(reverse("seekers:resume"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have not uploaded a resume yet." in html
    assert 'enctype="multipart/form-data"' in html
    # A native file input: USWDS' scripted one writes its instructions in English only.
    assert 'class="portal-file-input"' in html and "usa-file-input" not in html
    assert 'accept="application/pdf,.pdf"' in html
    assert '<label class="usa-label" for="id_file">' in html


def test_upload_saves_under_a_random_name(seeker_client, profile, private_storage):
    response = seeker_client.post(RESUME, {"file": pdf_upload("Lupita CV.pdf")}, follow=True)
    assert response.redirect_chain[-1][0] == RESUME
    html = response.content.decode()
    assert "Your resume is saved." in html and "Lupita CV.pdf" in html
    resume = Resume.objects.get(profile=profile)
    assert resume.original_name == "Lupita CV.pdf" and resume.size == len(PDF)
    assert "Lupita" not in resume.file.name
    assert (private_storage / resume.file.name).read_bytes() == PDF


@pytest.mark.parametrize(
    "upload,message",
    [
        (pdf_upload("resume.pdf", b"I am a text file with a PDF name."), "This file is not a PDF"),
        (pdf_upload("big.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024)), "larger than 5 MB"),
        (pdf_upload("empty.pdf", b""), "This file is empty."),
        (None, "Choose a PDF file to upload."),
    ],
    ids=["fake-pdf", "6-mb", "empty", "missing"],
)
def test_bad_uploads_are_400_and_keep_the_old_resume(
    seeker_client, profile, private_storage, upload, message
):
    old = services.save_resume(profile=profile, upload=pdf_upload("old.pdf"))
    response = seeker_client.post(RESUME, {"file": upload} if upload else {})
    assert response.status_code == 400
    assert message in response.content.decode()
    current = Resume.objects.get(profile=profile)
    assert current.original_name == "old.pdf" and current.file.name == old.file.name
    assert (private_storage / old.file.name).read_bytes() == PDF
    assert len(list((private_storage / "resumes").iterdir())) == 1


def test_bad_first_upload_saves_nothing(seeker_client, private_storage):
    response = seeker_client.post(RESUME, {"file": pdf_upload("x.pdf", b"GIF89a....")})
    assert response.status_code == 400
    assert not Resume.objects.exists()
    assert not (private_storage / "resumes").exists()


def test_replacing_deletes_the_old_file(
    seeker_client, profile, private_storage, django_capture_on_commit_callbacks
):
    old = services.save_resume(profile=profile, upload=pdf_upload("old.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        response = seeker_client.post(RESUME, {"file": pdf_upload("new.pdf")})
    assert response.status_code == 302
    assert Resume.objects.get(profile=profile).original_name == "new.pdf"
    assert not (private_storage / old.file.name).exists()


def test_owner_downloads_with_safe_headers(seeker_client, profile, private_storage):
    services.save_resume(profile=profile, upload=pdf_upload("Lupita CV.pdf"))
    response = seeker_client.get(reverse("seekers:resume_download"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Lupita CV.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_download_without_a_resume_is_404(seeker_client, private_storage):
    assert seeker_client.get(reverse("seekers:resume_download")).status_code == 404


def test_another_seeker_cannot_download_it(client, personas, profile, private_storage):
    services.save_resume(profile=profile, upload=pdf_upload("Lupita CV.pdf"))
    client.force_login(personas.other_seeker)
    response = client.get(reverse("seekers:resume_download"))
    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert "Lupita CV.pdf" not in client.get(RESUME).content.decode()


@pytest.mark.parametrize("persona", ["employer", "provider", "partner", "staff"])
def test_other_roles_cannot_download_it(client, personas, profile, private_storage, persona):
    services.save_resume(profile=profile, upload=pdf_upload())
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("seekers:resume_download")).status_code == 403


def test_anonymous_download_goes_to_sign_in(client, profile, private_storage):
    services.save_resume(profile=profile, upload=pdf_upload())
    response = client.get(reverse("seekers:resume_download"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_missing_file_is_404_not_500(seeker_client, profile, private_storage):
    resume = services.save_resume(profile=profile, upload=pdf_upload())
    (private_storage / resume.file.name).unlink()
    assert seeker_client.get(reverse("seekers:resume_download")).status_code == 404


def test_delete(seeker_client, profile, private_storage, django_capture_on_commit_callbacks):
    resume = services.save_resume(profile=profile, upload=pdf_upload())
    assert seeker_client.get(reverse("seekers:resume_delete")).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = seeker_client.post(reverse("seekers:resume_delete"), follow=True)
    assert "Your resume is deleted." in response.content.decode()
    assert not Resume.objects.exists()
    assert not (private_storage / resume.file.name).exists()
    response = seeker_client.post(reverse("seekers:resume_delete"), follow=True)
    assert "You have no resume on the portal." in response.content.decode()
