"""Staff approve or reject organizations; a pending or rejected one publishes nothing."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.models import Organization
from apps.accounts.permissions import can_publish
from apps.audit.models import AuditEntry
from apps.core.i18n import localized
from tests.factories import OrganizationFactory, member_of

pytestmark = pytest.mark.django_db


def test_queue_lists_pending_organizations_oldest_first(client, personas):
    newer = OrganizationFactory(name="Newer Pending", status="pending")
    client.force_login(personas.staff)
    response = client.get(reverse("accounts:queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Pending Employer") < html.index("Newer Pending")
    assert "Sun City Software" not in html  # approved ones are on another tab
    board = Organization.objects.get(kind="board")
    assert reverse("accounts:review", args=[board.pk]) not in html  # the board is never reviewed
    response = client.get(reverse("accounts:queue"), {"status": "approved"})
    assert "Sun City Software" in response.content.decode()
    assert newer.name not in response.content.decode()


def test_unknown_status_filter_falls_back_to_pending(client, personas):
    client.force_login(personas.staff)
    response = client.get(reverse("accounts:queue"), {"status": "<script>"})
    assert response.status_code == 200
    assert "Pending Employer" in response.content.decode()


def test_staff_approve_and_the_owner_is_emailed(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.staff)
    org = personas.orgs.pending
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:approve", args=[org.pk]))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.status == Organization.Status.APPROVED
    assert org.reviewed_by == personas.staff
    assert [m.to for m in mail.outbox] == [[personas.pending_employer.email]]
    assert can_publish(personas.pending_employer)
    assert client.get(reverse("accounts:public", args=[org.slug])).status_code == 200


def test_staff_reject_with_a_reason(client, personas, django_capture_on_commit_callbacks):
    client.force_login(personas.staff)
    org = personas.orgs.pending
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:reject", args=[org.pk]), {"reason": "Not a tech employer."}
        )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.status == "rejected" and org.rejection_reason == "Not a tech employer."
    assert "Not a tech employer." in mail.outbox[0].body
    # The owner sees the reason on their dashboard.
    client.force_login(personas.pending_employer)
    assert "Not a tech employer." in client.get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_rejecting_without_a_usable_reason_is_a_400_and_changes_nothing(client, personas, reason):
    client.force_login(personas.staff)
    org = personas.orgs.pending
    response = client.post(reverse("accounts:reject", args=[org.pk]), {"reason": reason})
    assert response.status_code == 400
    assert "usa-error-message" in response.content.decode()
    org.refresh_from_db()
    assert org.status == "pending"
    assert mail.outbox == []


def test_approving_twice_is_a_409_on_the_review_page(client, personas):
    client.force_login(personas.staff)
    org = personas.orgs.employer  # already approved
    approved_at = org.approved_at
    entries = AuditEntry.objects.count()
    response = client.post(reverse("accounts:approve", args=[org.pk]))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Sun City Software has already been decided: it is now “Approved”." in html
    assert "Nothing was changed." in html
    assert 'id="decide-heading"' in html  # the review page, showing the current status
    org.refresh_from_db()
    assert org.status == "approved" and org.approved_at == approved_at
    assert mail.outbox == []
    assert AuditEntry.objects.count() == entries


def test_rejecting_a_rejected_organization_is_a_409_in_spanish_too(client, personas):
    org = OrganizationFactory(name="Ya Rechazada", status="rejected", rejection_reason="Old.")
    personas.staff.preferred_language = "es"
    personas.staff.save()
    client.force_login(personas.staff)
    response = client.post(
        localized(reverse("accounts:reject", args=[org.pk]), "es"), {"reason": "Again."}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Ya Rechazada ya tiene una decisión: ahora está “No aprobada”." in html
    assert "No se cambió nada." in html
    org.refresh_from_db()
    assert org.status == "rejected" and org.rejection_reason == "Old."
    assert mail.outbox == []


def test_the_board_cannot_be_reviewed(client, personas):
    client.force_login(personas.staff)
    board = Organization.objects.get(kind="board")
    assert client.get(reverse("accounts:review", args=[board.pk])).status_code == 404
    assert client.post(reverse("accounts:approve", args=[board.pk])).status_code == 404


def test_approval_needs_post(client, personas):
    client.force_login(personas.staff)
    response = client.get(reverse("accounts:approve", args=[personas.orgs.pending.pk]))
    assert response.status_code == 405
    personas.orgs.pending.refresh_from_db()
    assert personas.orgs.pending.status == "pending"


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_unapproved_organizations_publish_nothing(client, status):
    org = OrganizationFactory(
        name="Hidden Co", status=status, rejection_reason="No." if status == "rejected" else ""
    )
    owner = member_of(org)
    assert not can_publish(owner)
    assert client.get(reverse("accounts:public", args=[org.slug])).status_code == 404
    assert "Hidden Co" not in client.get(reverse("accounts:directory")).content.decode()
    # ...but they can sign in and prepare their profile.
    client.force_login(owner)
    response = client.post(
        reverse("accounts:organization_edit"),
        {"website": "hidden.example", "city": "El Paso, TX", "description": "Ready."},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.website == "https://hidden.example" and org.description == "Ready."


def test_seekers_cannot_publish(personas):
    assert not can_publish(personas.seeker)
    assert can_publish(personas.employer)
