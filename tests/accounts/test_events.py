"""accounts' domain event: `organization_approved`, once, after the approval commits."""

import pytest
from django.db import transaction

from apps.accounts import services
from apps.accounts.models import Organization
from apps.accounts.signals import organization_approved
from tests.factories import OrganizationFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def listener(sender, **kwargs):
        calls.append((sender, kwargs))

    organization_approved.connect(listener)
    yield calls
    organization_approved.disconnect(listener)


def test_approval_fires_once_after_commit(heard, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(status=Organization.Status.PENDING, kind="employer")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_organization(organization=organization, reviewer=staff_user())
        assert heard == []  # not before the commit
    assert heard == [
        (
            Organization,
            {
                "organization_id": organization.pk,
                "kind": "employer",
                "signal": organization_approved,
            },
        )
    ]


def test_rejection_fires_nothing(heard, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(status=Organization.Status.PENDING, kind="provider")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_organization(
            organization=organization, reviewer=staff_user(), reason="Not in El Paso."
        )
    assert heard == []


def test_a_rolled_back_approval_fires_nothing(heard, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(status=Organization.Status.PENDING, kind="partner")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.approve_organization(organization=organization, reviewer=staff_user())
        raise RuntimeError("rolled back")
    assert heard == []
    organization.refresh_from_db()
    assert organization.status == Organization.Status.PENDING
