"""A person's own data in accounts: the login, its email addresses, two-step sign-in, sessions,
the organization they belong to. Erasure turns the account into an anonymous, locked row."""

from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from apps.core.privacy import Erasure, ExportArchive, PrivacyPart, field_key

from .models import (
    ERASED_EMAIL_DOMAIN,
    ERASED_EMAIL_PREFIX,
    Invitation,
    Membership,
    Organization,
    User,
)


def erased_email(key: str) -> str:
    return f"{ERASED_EMAIL_PREFIX}{key}@{ERASED_EMAIL_DOMAIN}"


# ---------------------------------------------------------------------------
# Sessions (Django's database sessions carry the account's id inside their data)
# ---------------------------------------------------------------------------
def _session_model():
    store = import_module(settings.SESSION_ENGINE).SessionStore
    return store.get_model_class() if hasattr(store, "get_model_class") else None


def sessions_of(user):
    """The account's unexpired sessions. Sessions keep the account's id only inside their
    encoded data, so each live session is read once: a rare task (an export, an erasure),
    never a page view. With a cache-only session engine there is nothing to list; those
    sessions end anyway when the password changes (erasure removes it)."""
    model = _session_model()
    if model is None:
        return []
    return [
        session
        for session in model.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------
def export(user: User, archive: ExportArchive) -> None:
    membership = Membership.objects.filter(user=user).select_related("organization").first()
    accepted = Invitation.objects.filter(accepted_by=user).select_related("organization")
    archive.section(
        "account",
        {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "preferred_language": user.preferred_language,
            "joined_at": user.date_joined,
            "last_sign_in_at": user.last_login,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            # What kind of second step, and when it was set up or last used; never its secret.
            "two_step_sign_in": [
                {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
                for a in Authenticator.objects.filter(user=user).order_by("pk")
            ],
            "open_sessions": [{"expires_at": s.expire_date} for s in sessions_of(user)],
            # The sessions list on the account page: where and when they were signed in.
            "signed_in_devices": [
                {
                    "ip": s.ip,
                    "browser": s.user_agent,
                    "signed_in_at": s.created_at,
                    "last_seen_at": s.last_seen_at,
                }
                for s in UserSession.objects.filter(user=user).order_by("pk")
            ],
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "organization": (
                {
                    "name": membership.organization.name,
                    "kind": membership.organization.kind,
                    "role": membership.role,
                    "since": membership.created_at,
                }
                if membership
                else None
            ),
            "invitations_accepted": [
                {"organization": i.organization.name, "accepted_at": i.accepted_at}
                for i in accepted
            ],
            "teammates_invited": Invitation.objects.filter(invited_by=user).count(),
            "organizations_reviewed": Organization.objects.filter(reviewed_by=user).count(),
        },
    )


# ---------------------------------------------------------------------------
# Erasure
# ---------------------------------------------------------------------------
def erase(erasure: Erasure) -> None:
    """Runs last: the login goes, and the row stays as an anonymous placeholder that keeps
    the account's records (a hire counted toward the goal) tied to one person."""
    user = erasure.user
    old_email = user.email
    Membership.objects.filter(user=user).delete()
    # Invitations sent to their address: unanswered ones go, answered ones forget it.
    Invitation.objects.filter(email__iexact=old_email, accepted_at__isnull=True).delete()
    Invitation.objects.filter(accepted_by=user).update(email=erased_email(erasure.key))
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    UserSession.objects.filter(user=user).delete()
    model = _session_model()
    if model is not None:
        model.objects.filter(pk__in=[s.pk for s in sessions_of(user)]).delete()
    # The admin's history names the account it changed: it keeps the entry, not the name.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=erasure.label, change_message="")
    user.groups.clear()
    user.user_permissions.clear()
    user.email = erased_email(erasure.key)
    user.first_name = ""
    user.last_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.erased_at = timezone.now()
    user.save()


KEPT = "kept, pointing at the anonymous account (shown as “Erased person …”)"

PART = PrivacyPart(
    app="accounts",
    export=export,
    erase=erase,
    fields={
        field_key(EmailAddress, "user"): "exported (login emails); deleted",
        field_key(Authenticator, "user"): "exported (type and dates, never secrets); deleted",
        field_key(User.groups.through, "user"): "exported (group names); cleared",
        field_key(User.user_permissions.through, "user"): "cleared (staff permissions only)",
        field_key(UserSession, "user"): "exported (address, browser, dates); deleted",
        field_key(Membership, "user"): "exported; deleted (the last owner must hand over)",
        field_key(Invitation, "accepted_by"): f"exported; {KEPT}, the address replaced",
        field_key(Invitation, "invited_by"): f"counted in the export; {KEPT}",
        field_key(Organization, "reviewed_by"): f"counted in the export; {KEPT}",
        field_key(LogEntry, "user"): (
            f"{KEPT}: the admin's history of a staff account (staff accounts are not "
            "erased); entries about the erased account lose its name"
        ),
    },
)
