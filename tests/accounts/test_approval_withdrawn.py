"""Access ends when approval ends, tried as people would: staff withdraw an organization's
approval on its review page; its team at once loses every page with other people's data
(and is told why, in their language), keeps its own drafts and profile, and gets it all back
when staff approve it again. (Every URL: tests/test_access.py, "approval withdrawn".)"""

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from apps.accounts.models import Organization
from apps.core.i18n import localized
from apps.employers.models import Application, Job
from apps.partners.models import Referral
from apps.trainings.models import Enrollment
from tests.factories import OrganizationFactory, member_of
from tests.factories.partners import ReferralFactory
from tests.factories.pipeline import application, attach_resume, job
from tests.factories.trainings import EnrollmentFactory

pytestmark = pytest.mark.django_db

REASON = "Complaints from applicants about fake job offers."


def withdraw(client, staff, organization, django_capture_on_commit_callbacks):
    client.force_login(staff)
    review = client.get(reverse("accounts:review", args=[organization.pk])).content.decode()
    assert "Withdraw approval" in review and 'data-testid="withdraw-hint"' in review
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:reject", args=[organization.pk]), {"reason": REASON}
        )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.status == "rejected" and organization.approval_withdrawn


def approve(client, staff, organization):
    client.force_login(staff)
    response = client.post(reverse("accounts:approve", args=[organization.pk]))
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.status == "approved" and not organization.approval_withdrawn


@pytest.fixture
def applicant(personas, private_storage):
    row = application(job(personas.orgs.employer, title="Help Desk"), personas.other_seeker)
    return attach_resume(row)


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }


def test_an_employer_loses_applicants_resumes_and_exports_until_approved_again(
    client, personas, applicant, django_capture_on_commit_callbacks
):
    org = personas.orgs.employer
    people_pages = [
        reverse("employers:pipeline", args=[applicant.job_id]),
        reverse("employers:pipeline_csv", args=[applicant.job_id]),
        reverse("employers:applicant", args=[applicant.pk]),
        reverse("employers:applicant_resume", args=[applicant.pk]),
        reverse("employers:talent"),
        reverse("employers:hires"),
        reverse("matching:talent", args=[applicant.job_id]),
    ]
    withdraw(client, personas.staff, org, django_capture_on_commit_callbacks)
    assert any("Sun City Software" in m.subject or REASON in m.body for m in mail.outbox)

    client.force_login(personas.employer_member)
    for url in people_pages:
        response = client.get(url)
        html = b"".join(response.streaming_content) if response.streaming else response.content
        html = html.decode(errors="replace")
        assert response.status_code == 403, url
        assert "The approval of Sun City Software was withdrawn" in html, url
        assert REASON in html
        assert personas.other_seeker.email not in html and "%PDF" not in html, url
    # Moving an applicant or writing a note is refused too, and changes nothing.
    for url, data in [
        (reverse("employers:applicant_move", args=[applicant.pk]), {"to": "reviewing"}),
        (
            reverse("employers:pipeline_bulk", args=[applicant.job_id]),
            {"applications": [applicant.pk], "to": "reviewing"},
        ),
        (reverse("employers:applicant_note", args=[applicant.pk]), {"text": "Call her."}),
    ]:
        assert client.post(url, data).status_code == 403, url
    applicant.refresh_from_db()
    assert applicant.status == "submitted" and not applicant.notes.exists()

    # Their own organization and drafts stay theirs; the organization page says why.
    html = client.get(reverse("accounts:organization")).content.decode()
    assert "Approval withdrawn" in html and REASON in html
    assert client.get(reverse("employers:jobs")).status_code == 200
    client.force_login(personas.employer)
    response = client.post(reverse("accounts:organization_edit"), {"city": "El Paso, TX"})
    assert response.status_code == 302
    assert client.get(reverse("employers:job_create")).status_code == 200

    approve(client, personas.staff, org)
    client.force_login(personas.employer_member)
    for url in people_pages:
        assert client.get(url).status_code == 200, url
    response = client.post(
        reverse("employers:applicant_move", args=[applicant.pk]), {"to": "reviewing"}
    )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == "reviewing"


def test_a_provider_loses_its_roster_and_decisions(
    client, personas, django_capture_on_commit_callbacks
):
    enrollment = EnrollmentFactory(
        cohort__program__provider=personas.orgs.provider, seeker=personas.other_seeker
    )
    withdraw(client, personas.staff, personas.orgs.provider, django_capture_on_commit_callbacks)
    client.force_login(personas.provider)
    response = client.get(reverse("trainings:roster", args=[enrollment.cohort_id]))
    assert response.status_code == 403
    assert personas.other_seeker.email not in response.content.decode()
    response = client.post(
        reverse("trainings:enrollment_status", args=[enrollment.pk]), {"to": "accepted"}
    )
    assert response.status_code == 403
    assert Enrollment.objects.get(pk=enrollment.pk).status == "applied"
    # Programs and classes are their own drafts: still open.
    assert client.get(reverse("trainings:manage")).status_code == 200
    program = enrollment.cohort.program
    assert client.get(reverse("trainings:program_edit", args=[program.pk])).status_code == 200

    approve(client, personas.staff, personas.orgs.provider)
    client.force_login(personas.provider)
    assert client.get(reverse("trainings:roster", args=[enrollment.cohort_id])).status_code == 200


def test_a_partner_loses_its_referrals(client, personas, django_capture_on_commit_callbacks):
    referral = ReferralFactory(
        partner=personas.orgs.partner, email="referred@people.example", name="Referred Person"
    )
    withdraw(client, personas.staff, personas.orgs.partner, django_capture_on_commit_callbacks)
    client.force_login(personas.partner)
    for url in [
        reverse("partners:dashboard"),
        reverse("partners:referrals"),
        reverse("partners:referral", args=[referral.pk]),
        reverse("partners:export"),
        reverse("partners:refer"),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "referred@people.example" not in response.content.decode(), url
    response = client.post(
        reverse("partners:refer"),
        {"name": "New Person", "email": "new@people.example", "language": "en"},
    )
    assert response.status_code == 403
    assert not Referral.objects.filter(email="new@people.example").exists()


def test_the_page_speaks_spanish(client, personas, applicant, django_capture_on_commit_callbacks):
    withdraw(client, personas.staff, personas.orgs.employer, django_capture_on_commit_callbacks)
    personas.employer.preferred_language = "es"
    personas.employer.save()
    client.force_login(personas.employer)
    url = localized(reverse("employers:pipeline", args=[applicant.job_id]), "es")
    html = client.get(url).content.decode()
    assert "was withdrawn" not in html
    assert "Se retiró la aprobación de Sun City Software" in html


def test_a_pending_organization_keeps_its_drafts_and_is_told_it_waits(client, personas):
    client.force_login(personas.pending_employer)
    response = client.post(
        reverse("employers:job_create"), {"title": ""}
    )  # its draft form: a form error, not a closed page
    assert response.status_code == 400
    assert 'data-testid="not-approved"' not in response.content.decode()
    response = client.get(reverse("employers:talent"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Pending Employer is waiting for approval" in html and "withdrawn" not in html
    assert not Job.objects.exists()


def test_an_organization_never_approved_is_not_called_withdrawn(client, personas):
    refused = OrganizationFactory(
        name="Refused Employer", status="rejected", rejection_reason="Not a real company."
    )
    client.force_login(member_of(refused, email="owner@refused.example"))
    html = client.get(reverse("employers:talent")).content.decode()
    assert "Refused Employer is not approved" in html
    assert "Not a real company." in html and "withdrawn" not in html
    html = client.get(reverse("accounts:organization")).content.decode()
    assert "was not approved to publish" in html


def test_an_approval_ends_the_pending_wait_and_is_remembered(client, personas):
    org = personas.orgs.pending
    assert org.approved_at is None
    approve(client, personas.staff, org)
    assert org.approved_at is not None and org.approved_at == org.reviewed_at


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_todays_approved_organizations_as_approved_once(personas):
    before = [("accounts", "0002_user_erased_at")]
    executor = MigrationExecutor(connection)
    approved, pending = personas.orgs.employer, personas.orgs.pending
    try:
        executor.migrate(before)
        executor.loader.build_graph()
        executor.migrate([("accounts", "0003_organization_approved_at")])
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    approved = Organization.objects.get(pk=approved.pk)
    assert approved.approved_at == (approved.reviewed_at or approved.created_at)
    assert Organization.objects.get(pk=pending.pk).approved_at is None
    assert Application.objects.count() == 0  # nothing else touched
