"""Bulk referral by CSV: read and check a file, keep a preview, import after confirmation."""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Language, Organization, User

from .. import tasks
from ..models import Referral, ReferralImport
from .referrals import normalize_email, refer_person

MAX_BYTES = 2 * 1024 * 1024  # 2 MB: thousands of rows; a larger file is refused whole
MAX_ROWS = 5000
# The template's header in each language; either is accepted.
HEADERS = {
    "en": ["name", "email", "language", "note"],
    "es": ["nombre", "correo", "idioma", "nota"],
}
LANGUAGE_WORDS = {
    "": None,
    "en": "en",
    "english": "en",
    "inglés": "en",
    "ingles": "en",
    "es": "es",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
}


def template_csv(language: str) -> str:
    header = HEADERS.get(language, HEADERS["en"])
    example = (
        ["María López", "maria@example.com", "es", "Interesada en soporte de TI"]
        if language == "es"
        else ["Sam Rivera", "sam@example.com", "en", "Interested in IT support"]
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerow(example)
    return out.getvalue()


def read_rows(*, data: bytes, filename: str) -> list[list[str]]:
    """The file's rows, or a ValidationError that says what is wrong with the whole file."""
    if not filename.lower().endswith(".csv"):
        raise ValidationError(_("Upload a .csv file (save your spreadsheet as CSV)."))
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is too large. Split it into files of at most 2 MB."), code="too_large"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
        ) from exc
    if "\x00" in text:
        raise ValidationError(_("This does not look like a CSV file."))
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise ValidationError(_("This does not look like a CSV file.")) from exc
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [cell.strip().lower() for cell in rows[0]]
    if header not in HEADERS.values():
        raise ValidationError(
            _("The first row must be the template's header: %(en)s (or %(es)s).")
            % {"en": ",".join(HEADERS["en"]), "es": ",".join(HEADERS["es"])},
            code="bad_header",
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(
            _("At most %(n)s people per file.") % {"n": MAX_ROWS}, code="too_many_rows"
        )
    return rows[1:]


def check_rows(*, partner: Organization, rows: list[list[str]], default_language: str) -> list:
    """Each row with its errors (bad email, duplicate in the file, already referred by you,
    already registered on the portal)."""
    emails = []
    for row in rows:
        cells = (row + ["", "", "", ""])[:4]
        emails.append(cells[1].strip().lower())
    already_referred = {
        e.lower() for e in Referral.objects.filter(partner=partner).values_list("email", flat=True)
    }
    registered = {
        e.lower()
        for e in User.objects.filter(email__in=[e for e in emails if e]).values_list(
            "email", flat=True
        )
    }
    seen = set()
    checked = []
    for line, row in enumerate(rows, start=2):
        name, email, language, note = [c.strip() for c in (row + ["", "", "", ""])[:4]]
        errors = []
        if not name:
            errors.append(_("The name is missing."))
        elif len(name) > 200:
            errors.append(_("The name is too long."))
        try:
            validate_email(email)
            email = normalize_email(email)
        except ValidationError:
            errors.append(_("“%(email)s” is not a valid email address.") % {"email": email})
        language_code = LANGUAGE_WORDS.get(language.lower(), "?")
        if language_code == "?":
            errors.append(_("The language must be en or es."))
        if len(note) > 1000:
            errors.append(_("The note is longer than 1,000 characters."))
        if email in seen:
            errors.append(_("This email appears earlier in the file."))
        elif email in already_referred:
            errors.append(_("You have already referred this person."))
        elif email in registered:
            errors.append(
                _("This person already has an account: refer them one by one to send a link.")
            )
        seen.add(email)
        checked.append(
            {
                "line": line,
                "name": name,
                "email": email,
                "language": language_code if language_code not in (None, "?") else default_language,
                "note": note,
                "errors": errors,
            }
        )
    return checked


@transaction.atomic
def preview_import(
    *, partner: Organization, user: User, data: bytes, filename: str, language: str
) -> ReferralImport:
    rows = read_rows(data=data, filename=filename)
    if language not in Language.values:
        language = Language.ENGLISH
    checked = check_rows(partner=partner, rows=rows, default_language=language)
    return ReferralImport.objects.create(
        partner=partner,
        uploaded_by=user,
        filename=filename[:255],
        language=language,
        rows=checked,
        total=len([r for r in checked if not r["errors"]]),
    )


@transaction.atomic
def confirm_import(*, batch: ReferralImport) -> ReferralImport:
    """Queue the import of the valid rows (once: a second confirmation does nothing)."""
    updated = ReferralImport.objects.filter(
        pk=batch.pk, status=ReferralImport.Status.PREVIEW
    ).update(status=ReferralImport.Status.QUEUED, updated_at=timezone.now())
    if updated != 1:
        raise ValidationError(_("This file has already been imported."))
    batch.refresh_from_db()
    transaction.on_commit(lambda: tasks.run_import.delay(batch.pk))
    return batch


def run_import(*, import_id: int) -> None:
    """Import the confirmed rows, updating the progress after each; rows that became
    invalid since the preview (someone referred the person meanwhile) are skipped."""
    claimed = ReferralImport.objects.filter(
        pk=import_id, status=ReferralImport.Status.QUEUED
    ).update(status=ReferralImport.Status.RUNNING, updated_at=timezone.now())
    if claimed != 1:
        return
    batch = ReferralImport.objects.select_related("partner", "uploaded_by").get(pk=import_id)
    imported = skipped = 0
    for processed, row in enumerate(batch.valid_rows, start=1):
        if not Referral.objects.filter(batch=batch, email__iexact=row["email"]).exists():
            try:
                refer_person(
                    partner=batch.partner,
                    referred_by=batch.uploaded_by,
                    name=row["name"],
                    email=row["email"],
                    language=row["language"],
                    note=row["note"],
                    batch=batch,
                )
                imported += 1
            except ValidationError:
                skipped += 1
        ReferralImport.objects.filter(pk=batch.pk).update(
            processed=processed, imported=imported, skipped=skipped
        )
    ReferralImport.objects.filter(pk=batch.pk).update(
        status=ReferralImport.Status.DONE, updated_at=timezone.now()
    )
