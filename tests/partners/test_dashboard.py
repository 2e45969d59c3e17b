"""The partner dashboard: stage counts, conversion, by month, hires credited, events, CSV."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.partners.models import CreditedHire
from tests.factories.employers import HireFactory
from tests.factories.partners import EventFactory, ReferralFactory, RSVPFactory

pytestmark = pytest.mark.django_db


def _referrals(partner, n):
    now = timezone.now()
    for i in range(n):
        ReferralFactory(partner=partner, registered_at=now if i % 2 == 0 else None)


def test_dashboard_counts_stages_and_conversion(client, personas):
    partner = personas.orgs.partner
    now = timezone.now()
    ReferralFactory(partner=partner)
    ReferralFactory(partner=partner, registered_at=now)
    hired = ReferralFactory(
        partner=partner,
        person=personas.seeker,
        registered_at=now,
        profile_completed_at=now,
        applied_at=now,
        hired_at=now,
    )
    ReferralFactory(partner=partner, registered_at=now, consent_withdrawn_at=now)
    ReferralFactory(partner=personas.orgs.other_partner, registered_at=now)
    hire = HireFactory(seeker=personas.seeker, status="verified")
    CreditedHire.objects.create(
        hire=hire, referral=hired, partner=partner, start_date=hire.start_date
    )
    event = EventFactory(organization=partner, title="Our info session", capacity=10)
    RSVPFactory(event=event, user=personas.seeker)
    client.force_login(personas.partner)
    response = client.get(reverse("partners:dashboard"))
    assert response.status_code == 200
    funnel = {row["stage"]: row for row in response.context["funnel"]}
    assert funnel["invited"]["reached"] == 3  # consent withdrawn is left out
    assert funnel["registered"]["reached"] == 2
    assert funnel["registered"]["conversion"] == 67
    assert funnel["hired"]["reached"] == 1
    assert response.context["withdrawn"] == 1
    assert response.context["hires"] == 1
    assert response.context["months"][-1]["counts"][0] == 3
    html = response.content.decode()
    assert "Our info session" in html
    assert "1 of 10 seats taken" in html


def test_export_lists_own_referrals_and_hides_withdrawn_progress(client, personas):
    now = timezone.now()
    ReferralFactory(partner=personas.orgs.partner, name="Shared Person", registered_at=now)
    ReferralFactory(
        partner=personas.orgs.partner,
        name="Private Person",
        registered_at=now,
        consent_withdrawn_at=now,
    )
    client.force_login(personas.partner)
    text = client.get(reverse("partners:export")).content.decode()
    lines = {line.split(",")[0]: line for line in text.splitlines()[1:]}
    assert "Registered" in lines["Shared Person"]
    assert "Consent withdrawn" in lines["Private Person"]
    assert "Registered" not in lines["Private Person"]


def test_dashboard_queries_do_not_grow_with_referrals(client, personas):
    client.force_login(personas.partner)
    _referrals(personas.orgs.partner, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("partners:dashboard"))
    _referrals(personas.orgs.partner, 30)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("partners:dashboard"))
    assert len(many) == len(few)


def test_portal_dashboard_links_the_partner_section(client, personas):
    client.force_login(personas.partner)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("partners:dashboard") in html
