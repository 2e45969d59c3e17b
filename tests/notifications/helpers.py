from apps.notifications.services import notify

INVITATION = {
    "inviter_name": "Dan Ortiz",
    "organization_name": "Sun City Software",
    "url": "/invitations/abc/",
    "expires_on": "2026-12-10",
}
APPROVED = {"first_name": "Lupe", "organization_name": "Desert Data", "url": "/dashboard/"}


def approved(user, key="k1", **kw):
    return notify(
        recipient=user, kind="organization_approved", context=APPROVED, dedupe_key=key, **kw
    )


def invitation(address="new@people.example", key="inv-1", language="en"):
    return notify(
        email=address, language=language, kind="invitation", context=INVITATION, dedupe_key=key
    )
