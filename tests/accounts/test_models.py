"""The invariants the database holds, whatever the Python code does."""

import pytest
from django.db import IntegrityError, transaction

from apps.accounts.models import Invitation, Membership, Organization, User
from tests.factories import InvitationFactory, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_unique_whatever_its_case():
    UserFactory(email="maria@people.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="MARIA@people.example")


@pytest.mark.parametrize("field,value", [("role", "admin"), ("preferred_language", "fr")])
def test_role_and_language_are_constrained(field, value):
    user = UserFactory()
    setattr(user, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        user.save()


def test_a_rejection_needs_a_reason():
    org = OrganizationFactory(status=Organization.Status.PENDING)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.filter(pk=org.pk).update(status="rejected", rejection_reason="")


def test_organization_kind_and_status_are_constrained():
    org = OrganizationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.filter(pk=org.pk).update(kind="school")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.filter(pk=org.pk).update(status="maybe")


def test_organization_names_are_unique_per_kind_ignoring_case():
    OrganizationFactory(name="Sun City Software", kind="employer")
    OrganizationFactory(name="Sun City Software", kind="provider", slug="scs-training")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(name="SUN CITY SOFTWARE", kind="employer", slug="other")


def test_a_person_represents_one_organization():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, organization=OrganizationFactory())


def test_membership_role_is_constrained():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(role="admin")


def test_one_open_invitation_per_address_and_organization():
    invitation = InvitationFactory(email="ana@people.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(organization=invitation.organization, email="ANA@people.example")


def test_slugs_stay_unique():
    OrganizationFactory(name="Cowork Oasis", slug="cowork-oasis")
    assert Organization.unique_slug_for("Cowork Oasis") == "cowork-oasis-2"
