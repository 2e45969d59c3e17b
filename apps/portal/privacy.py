"""A person's own data, across every app: the download of everything the portal holds about
them, and the erasure of their account. Each app contributes its part (`<app>/privacy.py`,
see apps/core/privacy.py); this module runs them in order, in one transaction for erasure.

Erasure runs the parts top layer first, so goals keeps the anonymous facts its numbers read
before seekers deletes the profile, and accounts (last) turns the login into an anonymous,
locked row. The account's files leave storage once the transaction commits. A second
erasure of the same account changes nothing.
"""

import logging
import secrets
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts import privacy as accounts
from apps.accounts.models import Role, User
from apps.accounts.services import last_owner_problem
from apps.audit import privacy as audit
from apps.audit.models import Action
from apps.audit.services import record
from apps.core.privacy import Erasure, ExportArchive, PrivacyPart
from apps.employers import privacy as employers
from apps.goals import privacy as goals
from apps.matching import privacy as matching
from apps.notifications import privacy as notifications
from apps.partners import privacy as partners
from apps.seekers import privacy as seekers
from apps.trainings import privacy as trainings

logger = logging.getLogger(__name__)

# Top layer first (the order erasure runs them in).
PARTS: list[PrivacyPart] = [
    goals.PART,
    matching.PART,
    partners.PART,
    employers.PART,
    trainings.PART,
    seekers.PART,
    notifications.PART,
    audit.PART,
    accounts.PART,
]
FORMAT_VERSION = 1


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------
def build_export(*, user: User):
    """Everything the portal holds about `user`, as a zip in a temporary file (positioned at
    its start; deleted when closed). Recorded in the audit trail."""
    archive_file = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    try:
        archive = ExportArchive(archive_file)
        archive.section(
            "about_this_file",
            {
                "portal": settings.PORTAL_NAME,
                "made_at": timezone.now(),
                "format_version": FORMAT_VERSION,
                "language": user.preferred_language,
            },
        )
        for part in reversed(PARTS):
            part.export(user, archive)
        archive.add_text(
            "README.txt",
            render_to_string(
                "portal/privacy/export_readme.txt",
                {"user": user, "contact_email": settings.CONTACT_EMAIL},
            ),
        )
        archive.close()
    except BaseException:
        archive_file.close()
        raise
    record(
        action=Action.DATA_DOWNLOADED,
        actor=user,
        target=user,
        target_label=user.record_label,
        person=user,
    )
    archive_file.seek(0)
    return archive_file


# ---------------------------------------------------------------------------
# Erasure
# ---------------------------------------------------------------------------
def erasure_problem(user: User) -> str | None:
    """Why `user`'s account may not be erased now, in words; None when it may."""
    if user.erased_at:
        return None
    if user.role == Role.STAFF or user.is_staff or user.is_superuser:
        return _(
            "Board staff accounts keep their decisions on record, so they are not erased here: "
            "an administrator closes them in the admin."
        )
    return last_owner_problem(user)


def erase_account(*, user: User, actor: User, request_note: str = "") -> bool:
    """Erase `user`'s account, asked by the person (`actor` is them) or by staff on their
    request (`request_note` says how they asked). Returns False when it was already erased."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.erased_at:
            return False
        if problem := erasure_problem(user):
            raise ValidationError(problem, code="cannot_erase")
        by_self = actor.pk == user.pk
        erasure = Erasure(user=user, key=secrets.token_hex(5), actor=user if by_self else actor)
        for part in PARTS:
            part.erase(erasure)
        record(
            action=Action.ACCOUNT_ERASED,
            actor=erasure.actor,
            target=user,
            target_label=erasure.label,
            person=user,
            details={"by": "self" if by_self else "staff", "request": request_note[:200]},
        )
        files = list(erasure.files)
        transaction.on_commit(lambda: _delete_files(files))
    return True


def _delete_files(files) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # noqa: BLE001 - one stuck file must not keep the others
            logger.exception("Could not delete %s after an account erasure", name)
