import pytest
from django.core.management import call_command

from apps.accounts.models import Organization
from apps.partners.models import CreditedHire, Event, Referral, Stage

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_every_partner_referrals_at_several_stages_and_events(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    partners = Organization.objects.filter(kind="partner")
    assert partners.count() == 5
    for partner in partners:
        stages = {r.stage for r in Referral.objects.filter(partner=partner)}
        assert {Stage.INVITED, Stage.REGISTERED, Stage.COMPLETED, Stage.HIRED} <= stages, partner
        assert CreditedHire.objects.filter(partner=partner).exists(), partner
    assert Event.objects.published().upcoming().count() >= 4
    assert Event.objects.filter(status="pending").exists()
