from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.accounts import services
from apps.accounts.models import Invitation, Membership, Organization, Role
from tests.factories import InvitationFactory, OrganizationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


def test_a_new_organization_is_pending_and_owned_by_its_creator():
    user = UserFactory()
    org = services.create_organization_for_owner(
        owner=user, name="  Desert Data  ", kind="provider"
    )
    assert org.name == "Desert Data"
    assert org.status == Organization.Status.PENDING
    assert not org.can_publish
    assert Membership.objects.get(user=user).role == Membership.Role.OWNER
    user.refresh_from_db()
    assert user.role == Role.PROVIDER


def test_an_existing_organization_name_is_refused():
    OrganizationFactory(name="Desert Data", kind="employer")
    user = UserFactory()
    with pytest.raises(ValidationError, match="already on the portal"):
        services.create_organization_for_owner(owner=user, name="desert data", kind="employer")
    assert not Membership.objects.filter(user=user).exists()


def test_nobody_signs_up_a_board():
    with pytest.raises(ValidationError):
        services.create_organization_for_owner(owner=UserFactory(), name="Board 2", kind="board")


def test_approval_emails_the_owner_in_their_language(django_capture_on_commit_callbacks):
    org = OrganizationFactory(status="pending", name="Desert Data")
    owner = member_of(org, preferred_language="es", first_name="Lupe")
    member_of(org, owner=False)  # teammates are not emailed about the decision
    staff = UserFactory(role=Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_organization(organization=org, reviewer=staff)
    org.refresh_from_db()
    assert org.status == "approved" and org.reviewed_by == staff and org.reviewed_at
    assert [m.to for m in mail.outbox] == [[owner.email]]
    message = mail.outbox[0]
    with translation.override("es"):
        subject = gettext("%(name)s is approved") % {"name": "Desert Data"}
        greeting = gettext("Hello %(name)s,") % {"name": "Lupe"}
    assert subject != "Desert Data is approved", "the Spanish catalog lacks this subject"
    assert message.subject == f"[Reboot El Paso] {subject}"
    assert greeting in message.body and greeting != "Hello Lupe,"
    assert "/es/dashboard/" in message.body  # the page in the reader's language
    html = message.alternatives[0][0]
    assert 'lang="es"' in html


def test_rejection_needs_a_reason_and_sends_it(django_capture_on_commit_callbacks):
    org = OrganizationFactory(status="pending")
    owner = member_of(org)
    staff = UserFactory(role=Role.STAFF)
    with pytest.raises(ValidationError):
        services.reject_organization(organization=org, reviewer=staff, reason="   ")
    org.refresh_from_db()
    assert org.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_organization(
            organization=org, reviewer=staff, reason="We could not find your business."
        )
    org.refresh_from_db()
    assert org.status == "rejected"
    assert mail.outbox[0].to == [owner.email]
    assert "We could not find your business." in mail.outbox[0].body


def test_deciding_twice_the_same_way_is_refused_and_sends_nothing(
    django_capture_on_commit_callbacks,
):
    org = OrganizationFactory(status="approved")
    member_of(org)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError, match="already been decided"),
    ):
        services.approve_organization(organization=org, reviewer=UserFactory(role="staff"))
    assert callbacks == []
    assert mail.outbox == []


def test_nothing_is_emailed_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    org = OrganizationFactory(status="pending")
    member_of(org)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.approve_organization(organization=org, reviewer=UserFactory(role="staff"))
        raise RuntimeError("boom")
    assert callbacks == []
    org.refresh_from_db()
    assert org.status == "pending"


def test_invitation_is_emailed_in_the_chosen_language(django_capture_on_commit_callbacks):
    org = OrganizationFactory(name="Sun City Software")
    owner = member_of(org, first_name="Dan", last_name="Ortiz")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_teammate(
            organization=org, invited_by=owner, email="Ana@People.example", language="es"
        )
    assert invitation.email == "ana@people.example"
    assert mail.outbox[0].to == ["ana@people.example"]
    with translation.override("es"):
        subject = gettext("Join %(name)s on Reboot El Paso") % {"name": "Sun City Software"}
    assert subject != "Join Sun City Software on Reboot El Paso"
    assert mail.outbox[0].subject == f"[Reboot El Paso] {subject}"
    assert f"/es/invitations/{invitation.token}/" in mail.outbox[0].body


def test_reinviting_replaces_the_old_link():
    org = OrganizationFactory()
    owner = member_of(org)
    first = services.invite_teammate(
        organization=org, invited_by=owner, email="a@p.example", language="en"
    )
    second = services.invite_teammate(
        organization=org, invited_by=owner, email="A@p.example", language="en"
    )
    assert first.token != second.token
    assert list(Invitation.objects.values_list("pk", flat=True)) == [second.pk]


def test_inviting_someone_already_on_the_team_is_refused():
    org = OrganizationFactory()
    owner = member_of(org)
    with pytest.raises(ValidationError, match="already on your team"):
        services.invite_teammate(
            organization=org, invited_by=owner, email=owner.email.upper(), language="en"
        )


def test_inviting_a_member_of_another_organization_is_refused_and_sends_nothing(
    django_capture_on_commit_callbacks,
):
    org = OrganizationFactory()
    owner = member_of(org)
    elsewhere = member_of(OrganizationFactory(kind="provider"), owner=False)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError, match="already belongs to another organization") as exc,
    ):
        services.invite_teammate(
            organization=org, invited_by=owner, email=elsewhere.email.upper(), language="en"
        )
    assert exc.value.code == "member_elsewhere"
    assert callbacks == []
    assert not Invitation.objects.exists()


def test_accepting_makes_a_member_with_the_organizations_role():
    org = OrganizationFactory(kind="provider")
    invitation = InvitationFactory(organization=org, email="new@people.example")
    user = UserFactory(email="new@people.example", role=Role.SEEKER)
    membership = services.accept_invitation(invitation=invitation, user=user)
    assert membership.role == Membership.Role.MEMBER
    user.refresh_from_db()
    assert user.role == Role.PROVIDER
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at


@pytest.mark.parametrize(
    "case,message",
    [
        ("wrong_email", "was sent to"),
        ("expired", "expired"),
        ("used", "already been used"),
        ("has_org", "already belongs"),
        ("wrong_role", "role does not match"),
    ],
)
def test_invitations_that_cannot_be_accepted(case, message):
    org = OrganizationFactory(kind="employer")
    invitation = InvitationFactory(organization=org, email="new@people.example")
    user = UserFactory(email="new@people.example")
    if case == "wrong_email":
        user = UserFactory(email="someone-else@people.example")
    elif case == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            created_at=timezone.now() - timedelta(days=15)
        )
        invitation.refresh_from_db()
    elif case == "used":
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    elif case == "has_org":
        member_of(OrganizationFactory(kind="employer"), email="x@people.example")
        user.memberships.create(organization=OrganizationFactory(kind="employer"), role="owner")
    elif case == "wrong_role":
        user.role = Role.PROVIDER
        user.save()
    with pytest.raises(ValidationError, match=message):
        services.accept_invitation(invitation=invitation, user=user)
    assert Membership.objects.filter(organization=org).count() == 0


# ---------------------------------------------------------------------------
# The publish gate: one service every app asks
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("action", services.Gated.values)
@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_the_publish_gate_refuses_an_organization_not_approved(action, status):
    reason = "Not a real company." if status == "rejected" else ""
    org = OrganizationFactory(kind="provider", status=status, rejection_reason=reason)
    with pytest.raises(ValidationError) as caught:
        services.require_can_publish(organization=org, action=action)
    assert caught.value.code == "provider_not_approved"
    assert caught.value.messages[0] == services.publish_refusal(organization=org, action=action)
    assert "approv" in caught.value.messages[0]


@pytest.mark.parametrize("action", services.Gated.values)
def test_the_publish_gate_lets_an_approved_organization_through(action):
    org = OrganizationFactory(kind="employer", status="approved")
    services.require_can_publish(organization=org, action=action)
    assert services.publish_refusal(organization=org, action=action) == ""
