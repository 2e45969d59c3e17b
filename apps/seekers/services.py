"""Writes for job seekers: profile steps, skills, resume, demographics."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import pdf
from .models import Demographics, Race, Resume, SeekerProfile, SeekerSkill, SkillLevel

MAX_RESUME_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def profile_for(user) -> SeekerProfile:
    """The seeker's profile, created on first use (no signals)."""
    profile, _created = SeekerProfile.objects.get_or_create(user=user)
    return profile


def update_profile(*, profile: SeekerProfile, fields: dict, occupations=None) -> SeekerProfile:
    for name, value in fields.items():
        setattr(profile, name, value)
    with transaction.atomic():
        profile.full_clean(exclude=["user"])
        profile.save()
        if occupations is not None:
            profile.target_occupations.set(occupations)
    return profile


def add_skill(*, profile: SeekerProfile, skill, level: int) -> SeekerSkill:
    """Add a skill, or change its level; the pair is unique, so nothing is ever duplicated."""
    if level not in SkillLevel.values:
        raise ValidationError(_("Choose a level from 1 (beginner) to 4 (expert)."), code="level")
    seeker_skill, created = SeekerSkill.objects.get_or_create(
        profile=profile, skill=skill, defaults={"level": level}
    )
    if not created and seeker_skill.level != level:
        seeker_skill.level = level
        seeker_skill.save(update_fields=["level"])
    return seeker_skill


SKILL_VERIFIED = gettext_lazy(
    "This skill was verified by a training you completed, so it stays on your profile. "
    "You can still change its level."
)


def remove_skill(*, profile: SeekerProfile, skill_id: int) -> bool:
    """Remove a self-reported skill. Verified skills are a training's record: they stay."""
    seeker_skill = SeekerSkill.objects.filter(profile=profile, skill_id=skill_id).first()
    if seeker_skill is None:
        return False
    if seeker_skill.verified:
        raise ValidationError(SKILL_VERIFIED, code="verified")
    seeker_skill.delete()
    return True


def add_verified_skills(*, user, skills, source: str) -> int:
    """A completed training vouches for the skills it taught. Returns how many changed."""
    profile = profile_for(user)
    now = timezone.now()
    changed = 0
    for skill in skills:
        seeker_skill, created = SeekerSkill.objects.get_or_create(profile=profile, skill=skill)
        if created or not seeker_skill.verified:
            seeker_skill.verified = True
            seeker_skill.verified_by = source[:200]
            seeker_skill.verified_at = now
            seeker_skill.save(update_fields=["verified", "verified_by", "verified_at"])
            changed += 1
    return changed


# ---------------------------------------------------------------------------
# Resume: PDF only, checked by content, stored under a random name outside public media
# ---------------------------------------------------------------------------
RESUME_TOO_BIG = gettext_lazy("Your resume is larger than 5 MB. Save a smaller PDF and try again.")
RESUME_NOT_PDF = gettext_lazy(
    "This file is not a PDF. In your word processor, choose “Save as PDF” or “Export to PDF”."
)
RESUME_EMPTY = gettext_lazy("This file is empty.")
SAVE_AGAIN = gettext_lazy(
    "Open it and save it again as a new PDF (“Save as PDF” or “Print to PDF”), then upload "
    "the new file."
)
# What apps/seekers/pdf.py found, in words for the seeker (each followed by SAVE_AGAIN).
PDF_PROBLEMS = {
    pdf.NOT_PLAIN: gettext_lazy(
        "This file is not a plain PDF: it has other content before or after the PDF."
    ),
    pdf.UNREADABLE: gettext_lazy("This PDF is damaged, so employers could not open it."),
    pdf.NO_PAGES: gettext_lazy("This PDF has no pages."),
    pdf.ENCRYPTED: gettext_lazy(
        "This PDF is protected with a password or encryption, so employers could not open it."
    ),
    pdf.ACTIVE: gettext_lazy(
        "This PDF contains JavaScript or other actions that run when it is opened, which "
        "employers' computers should not run."
    ),
    pdf.EMBEDDED: gettext_lazy(
        "This PDF has other files inside it. A resume is the PDF alone, without attachments."
    ),
}


def check_pdf(upload) -> None:
    """Raise ValidationError unless `upload` is a PDF of at most 5 MB that employers can open
    safely: parsed by pypdf, not encrypted, without scripts or files inside (seekers/pdf.py).
    The code of the error says which (`pdf_<problem>`)."""
    if upload.size == 0:
        raise ValidationError(RESUME_EMPTY, code="empty")
    if upload.size > MAX_RESUME_BYTES:
        raise ValidationError(RESUME_TOO_BIG, code="too_big")
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        upload.seek(0)
        raise ValidationError(RESUME_NOT_PDF, code="not_pdf")
    if problem := pdf.pdf_problem(upload):
        raise ValidationError(f"{PDF_PROBLEMS[problem]} {SAVE_AGAIN}", code=f"pdf_{problem}")


def save_resume(*, profile: SeekerProfile, upload) -> Resume:
    """Store `upload` as the seeker's resume, replacing any earlier one.

    A file is not part of the database transaction, so this is its own, outermost
    transaction (`durable`: calling it inside another `atomic` block is an error, since an
    outer rollback could not take the file back). If anything fails before the commit
    ends, the new file is deleted; the file it replaces is deleted only after the commit.
    """
    check_pdf(upload)
    storage = Resume._meta.get_field("file").storage
    new_name = None
    try:
        with transaction.atomic(durable=True):
            # Lock the profile, not the resume: a first upload has no resume row to lock,
            # and two at once would both insert one.
            SeekerProfile.objects.select_for_update().filter(pk=profile.pk).first()
            resume = Resume.objects.filter(profile=profile).first() or Resume(profile=profile)
            old_name = resume.file.name
            resume.original_name = (upload.name or "resume.pdf")[-255:]
            resume.size = upload.size
            resume.file.save("resume.pdf", upload, save=False)
            new_name = resume.file.name
            resume.save()
            if old_name:
                transaction.on_commit(lambda: storage.delete(old_name))
    except BaseException:
        if new_name:
            storage.delete(new_name)
        raise
    return resume


def delete_resume(*, profile: SeekerProfile) -> bool:
    resume = Resume.objects.filter(profile=profile).first()
    if resume is None:
        return False
    name, storage = resume.file.name, resume.file.storage
    with transaction.atomic():
        resume.delete()
        transaction.on_commit(lambda: storage.delete(name))
    return True


# ---------------------------------------------------------------------------
# Demographics (voluntary)
# ---------------------------------------------------------------------------
def save_demographics(*, user, fields: dict) -> Demographics:
    race = fields.get("race")
    if race is not None:
        if not set(race) <= set(Race.values):
            raise ValidationError(_("Choose races from the list."), code="race")
        if Race.PREFER_NOT in race and len(race) > 1:
            raise ValidationError(
                _("Choose one or more races, or “Prefer not to say”, not both."), code="race"
            )
    try:
        # One transaction: a refused answer leaves no new, empty row behind.
        with transaction.atomic():
            demographics, _created = Demographics.objects.get_or_create(user=user)
            for name, value in fields.items():
                setattr(demographics, name, value)
            if demographics.birth_year_withheld:
                demographics.birth_year = None
            demographics.save()
    except IntegrityError as exc:
        raise ValidationError(_("Check the year of birth."), code="birth_year") from exc
    return demographics


def clear_demographics(*, user) -> None:
    Demographics.objects.filter(user=user).delete()
