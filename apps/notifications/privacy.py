"""A person's own data in notifications: their inbox and email history, digests, and their
email choices. Also the helpers other apps' parts use for messages about the person that
others received (an employer's "new applicant: <name>")."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import translation

from apps.core.privacy import Erasure, ExportArchive, PrivacyPart, field_key, shown

from .models import Digest, Notification, Preference


def _theirs(user, email: str):
    """Their notifications: to the account, or to its address before it had one."""
    return Notification.objects.filter(
        Q(recipient=user) | Q(recipient__isnull=True, email__iexact=email)
    )


def export(user, archive: ExportArchive) -> None:
    archive.section(
        "notifications",
        [
            {
                "kind": n.kind,
                "about": n.kind_label,
                "category": n.category,
                "created_at": n.created_at,
                "email_to": n.email,
                "email_status": n.status,
                "sent_at": n.sent_at,
                "read_at": n.read_at,
                "details": n.context,
            }
            for n in _theirs(user, user.email).order_by("created_at", "pk").iterator()
        ],
    )
    archive.section(
        "email_choices",
        {p.category: p.frequency for p in Preference.objects.filter(user=user)},
    )
    archive.section(
        "digests",
        [
            {"period": d.period, "from": d.period_start, "status": d.status, "sent_at": d.sent_at}
            for d in Digest.objects.filter(user=user).order_by("period_start", "pk")
        ],
    )


def erase(erasure: Erasure) -> None:
    user = erasure.user
    _theirs(user, user.email).delete()
    Preference.objects.filter(user=user).delete()
    Digest.objects.filter(user=user).delete()


def _keyed(prefixes: list[str]):
    return Notification.objects.filter(
        reduce(or_, (Q(dedupe_key__startswith=prefix) for prefix in prefixes), Q(pk__in=[]))
    )


def delete_keyed(*, keys: list[str]) -> int:
    """Delete the notifications with these dedupe keys (messages about the person)."""
    if not keys:
        return 0
    return Notification.objects.filter(dedupe_key__in=keys).delete()[0]


def forget_names(*, prefixes: list[str], keys: tuple[str, ...], label: str) -> int:
    """In notifications others received about the person (dedupe key starting with one of
    `prefixes`), replace the values under `keys` (their name) with the anonymous label, in
    each recipient's language. Returns how many changed."""
    if not prefixes:
        return 0
    changed = 0
    for notification in _keyed(prefixes).only("pk", "context", "language").iterator():
        context = dict(notification.context)
        present = [key for key in keys if context.get(key)]
        if not present:
            continue
        with translation.override(notification.language or "en"):
            words = shown(label)
        for key in present:
            context[key] = words
        changed += Notification.objects.filter(pk=notification.pk).update(context=context)
    return changed


PART = PrivacyPart(
    app="notifications",
    export=export,
    erase=erase,
    fields={
        field_key(Notification, "recipient"): (
            "exported (inbox and email history); deleted, with messages to their address"
        ),
        field_key(Preference, "user"): "exported (email choices); deleted",
        field_key(Digest, "user"): "exported; deleted",
    },
)
