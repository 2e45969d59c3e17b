from .notifications import _notification
from .rules import PUBLIC, SIGNED_IN, STAFF, Rule, roles

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
}


def samples(personas):
    return {
        "failed_notification": {"pk": _notification(personas.seeker, status="failed").pk},
        "sitemap_section": {"section": "jobs"},
    }
