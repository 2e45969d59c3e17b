from tests.factories import UserFactory

from .notifications import _notification
from .rules import PUBLIC, SIGNED_IN, STAFF, Rule, roles

FORM = ("GET", "POST")

RULES = {
    "home": Rule(PUBLIC),
    "robots": Rule(PUBLIC),
    "sitemap": Rule(PUBLIC),
    "sitemap_section": Rule(PUBLIC, kwargs="sitemap_section"),
    "dashboard": Rule(SIGNED_IN),
    # The staff's email delivery view (apps/portal) keeps its "notifications:" names.
    "notifications:health": STAFF,
    "notifications:retry": roles("staff", methods=("POST",), kwargs="failed_notification"),
    "notifications:retry_all": roles("staff", methods=("POST",)),
    # A person's own data: everyone signed in (tests/portal/test_privacy_*.py).
    "privacy_export": Rule(SIGNED_IN),
    "privacy_download": Rule(SIGNED_IN, methods=("POST",)),
    "privacy_delete": Rule(SIGNED_IN, methods=FORM),
    # Staff acting on a person's request, and the audit trail: hidden from everyone else.
    "staff_people": roles("staff", denied=404),
    "staff_erase": roles("staff", denied=404, methods=FORM, kwargs="erasable_account"),
    "audit_log": roles("staff", denied=404),
    "audit_csv": roles("staff", denied=404),
}


def samples(personas):
    return {
        "failed_notification": {"pk": _notification(personas.seeker, status="failed").pk},
        "erasable_account": {"pk": UserFactory(email="asks-to-go@people.example").pk},
        "sitemap_section": {"section": "jobs"},
    }
