"""Members leave their organization; the last owner cannot (an owner shares ownership
first); the board's team is managed by an administrator."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import Membership, Role
from apps.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db
LEAVE = reverse("accounts:organization_leave")


def test_a_member_leaves_and_becomes_a_personal_account(client, personas):
    member = personas.employer_member
    client.force_login(member)
    page = client.get(LEAVE)
    assert page.status_code == 200
    assert "Leave Sun City Software?" in page.content.decode()
    refused = client.post(LEAVE)  # without the confirmation
    assert refused.status_code == 400
    assert Membership.objects.filter(user=member).exists()
    response = client.post(LEAVE, {"confirm": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "You left Sun City Software." in response.content.decode()
    member.refresh_from_db()
    assert member.role == Role.SEEKER
    assert not Membership.objects.filter(user=member).exists()
    entry = AuditEntry.objects.get(action=Action.MEMBER_LEFT)
    assert (entry.actor, entry.organization_id) == (member, personas.orgs.employer.pk)
    # The organization's pages are closed to them now.
    assert client.get(reverse("employers:jobs")).status_code == 403


def test_the_last_owner_cannot_leave(client, personas):
    client.force_login(personas.employer)
    page = client.get(LEAVE).content.decode()
    assert "You are the only owner of Sun City Software." in page
    assert 'name="confirm"' not in page
    response = client.post(LEAVE, {"confirm": "yes"})
    assert response.status_code == 400
    assert "Make a teammate an owner first" in response.content.decode()
    assert Membership.objects.filter(user=personas.employer, role="owner").exists()
    with pytest.raises(ValidationError, match="only owner"):
        services.leave_organization(user=personas.employer)


def test_an_owner_shares_ownership_then_leaves(client, personas):
    teammate = personas.employer_member.memberships.get()
    client.force_login(personas.employer)
    assert (
        'data-testid="make-owner"' in client.get(reverse("accounts:organization")).content.decode()
    )
    response = client.post(reverse("accounts:member_make_owner", args=[teammate.pk]))
    assert response.status_code == 302
    teammate.refresh_from_db()
    assert teammate.is_owner
    assert AuditEntry.objects.get(action=Action.OWNER_ADDED).person == personas.employer_member
    assert client.post(LEAVE, {"confirm": "yes"}).status_code == 302
    assert not Membership.objects.filter(user=personas.employer).exists()


def test_only_an_owner_makes_owners_and_only_of_their_own_team(client, personas):
    owner_of_other = personas.other_employer.memberships.get()
    client.force_login(personas.employer)
    response = client.post(reverse("accounts:member_make_owner", args=[owner_of_other.pk]))
    assert response.status_code == 404
    member = personas.employer_member
    with pytest.raises(ValidationError, match="Only an owner"):
        services.make_owner(membership=personas.employer.memberships.get(), by=member)


def test_the_boards_team_is_managed_by_an_administrator(client, personas):
    client.force_login(personas.staff)
    response = client.post(LEAVE, {"confirm": "yes"})
    assert response.status_code == 400
    assert "managed by an administrator" in response.content.decode()
    assert Membership.objects.filter(user=personas.staff).exists()
