from apps.partners.models import ReferralImport
from apps.partners.services.referrals import referral_token
from tests.factories.partners import EventFactory, ReferralFactory

from .rules import ORG_ROLES, PUBLIC, Rule, roles

# An organizer's own event: another organization's event answers 404 whatever the role, so
# these pages are covered by tests/partners/test_access_partners.py instead of the sweep.
OWN_EVENT = {"check": False, "kwargs": "own_event"}

# Referrals name people: for partners approved now (people=True); the blank template is not.
RULES = {
    "partners:dashboard": roles("partner", people=True),
    "partners:export": roles("partner", people=True),
    "partners:referrals": roles("partner", people=True),
    "partners:refer": roles("partner", methods=("GET", "POST"), people=True),
    "partners:referral": roles("partner", kwargs="own_referral", people=True),
    "partners:import_upload": roles("partner", methods=("GET", "POST"), people=True),
    "partners:import_template": roles("partner"),
    "partners:import": roles("partner", kwargs="own_import", people=True),
    "partners:import_confirm": roles(
        "partner", methods=("POST",), kwargs="own_import", people=True
    ),
    "partners:referral_landing": Rule(
        PUBLIC, kwargs="referral_token", notes="the signed token is the key"
    ),
    "partners:mine": roles("seeker"),
    "partners:consent": roles("seeker", methods=("POST",), kwargs="person_referral"),
    "partners:events": Rule(PUBLIC),
    "events_feed": Rule(PUBLIC),
    "partners:event": Rule(PUBLIC, kwargs="published_event"),
    "event_ics": Rule(PUBLIC, kwargs="published_event"),
    "partners:rsvp": roles("seeker", methods=("POST",), kwargs="published_event"),
    "partners:rsvp_cancel": roles("seeker", methods=("POST",), kwargs="published_event"),
    "partners:organizer_events": roles(*ORG_ROLES),
    "partners:event_create": roles(*ORG_ROLES, methods=("GET", "POST")),
    "partners:event_edit": roles(*ORG_ROLES, **OWN_EVENT),
    "partners:event_rsvps": roles(*ORG_ROLES, people=True, **OWN_EVENT),
    "partners:event_rsvps_csv": roles(*ORG_ROLES, people=True, **OWN_EVENT),
    "partners:event_queue": roles("staff"),
    "partners:event_review": roles("staff", methods=("POST",), kwargs="published_event"),
}


def samples(personas):
    partner = personas.orgs.partner
    referral = ReferralFactory(partner=partner, referred_by=personas.partner)
    linked = ReferralFactory(partner=partner, email=personas.seeker.email, person=personas.seeker)
    batch = ReferralImport.objects.create(partner=partner, uploaded_by=personas.partner, rows=[])
    event = EventFactory(organization=partner)
    return {
        "own_referral": {"pk": referral.pk},
        "own_import": {"pk": batch.pk},
        "referral_token": {"token": referral_token(referral)},
        "person_referral": {"pk": linked.pk},
        "published_event": {"pk": event.pk},
        "own_event": {"pk": event.pk},
    }
