"""Referrals: invite, link to an account, follow the stages, credit hires, consent."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Organization, Role, User
from apps.employers.models import Application, Hire, HireStatus, Job
from apps.notifications.services import notify
from apps.seekers.models import SeekerProfile
from apps.seekers.selectors import completeness
from apps.trainings.models import Enrollment, EnrollmentStatus, Program

from ..models import CreditedHire, Referral

TOKEN_SALT = "partners.referral"  # noqa: S105 (a signing namespace, not a secret)
TOKEN_MAX_AGE = 60 * 60 * 24 * 90  # an invitation link works for 90 days


def referral_token(referral: Referral) -> str:
    return signing.dumps(referral.pk, salt=TOKEN_SALT)


def referral_from_token(token: str) -> Referral | None:
    try:
        pk = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return Referral.objects.select_related("partner", "referred_by").filter(pk=pk).first()


def normalize_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


@transaction.atomic
def refer_person(
    *,
    partner: Organization,
    referred_by: User | None,
    name: str,
    email: str,
    language: str,
    program: Program | None = None,
    job: Job | None = None,
    note: str = "",
    batch=None,
) -> Referral:
    """Record a referral and send the person an invitation email in `language`."""
    if partner.kind != Organization.Kind.PARTNER or not partner.can_publish:
        raise ValidationError(
            _("Only approved community partners can refer people."), code="not_partner"
        )
    email = normalize_email(email)
    if Referral.objects.filter(partner=partner, email__iexact=email).exists():
        raise ValidationError(
            _("You have already referred %(email)s.") % {"email": email}, code="already_referred"
        )
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                partner=partner,
                referred_by=referred_by,
                name=name.strip(),
                email=email,
                language=language,
                program=program,
                job=job,
                note=note.strip(),
                batch=batch,
            )
    except IntegrityError as exc:  # a concurrent twin won the race
        raise ValidationError(
            _("You have already referred %(email)s.") % {"email": email}, code="already_referred"
        ) from exc
    notify(
        email=referral.email,
        language=referral.language,
        kind="referral_invitation",
        context={
            "person_name": referral.name,
            "referrer_name": referred_by.display_name if referred_by else "",
            "partner_name": partner.name,
            "note": referral.note,
            "program_title": program.title if program else "",
            "job_title": job.title if job else "",
            "url": reverse("partners:referral_landing", kwargs={"token": referral_token(referral)}),
        },
        dedupe_key=f"referral_invitation:{referral.pk}",
    )
    return referral


def link_problem(*, referral: Referral, user: User) -> str | None:
    """Why `user` cannot be linked to `referral`, in words for them; None when they can."""
    if referral.person_id is not None and referral.person_id != user.pk:
        return _("This referral is already linked to another account.")
    if user.role != Role.SEEKER:
        return _("Referrals are for job seeker accounts.")
    return None


@transaction.atomic
def link_referral(*, referral: Referral, user: User) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    problem = link_problem(referral=referral, user=user)
    if problem:
        raise ValidationError(problem, code="cannot_link")
    if referral.person_id is None:
        referral.person = user
        referral.save(update_fields=["person", "updated_at"])
    refresh_stages(person_id=user.pk)
    referral.refresh_from_db()
    return referral


@transaction.atomic
def link_by_verified_email(*, user: User, email: str) -> int:
    """Link every unlinked referral sent to `email` (the person proved they own it)."""
    if user.role != Role.SEEKER:
        return 0
    count = Referral.objects.filter(email__iexact=email, person__isnull=True).update(
        person=user, updated_at=timezone.now()
    )
    if count:
        refresh_stages(person_id=user.pk)
    return count


def _stage_facts(person: User) -> dict:
    """When the person reached each stage, read from their real records (None: not yet)."""
    facts = {"registered_at": person.date_joined}
    profile = (
        SeekerProfile.objects.filter(user=person)
        .prefetch_related("skills", "target_occupations")
        .select_related("resume")
        .first()
    )
    facts["profile_complete"] = profile is not None and completeness(profile).percent == 100
    applied = Application.objects.filter(seeker=person).aggregate(at=Min("created_at"))["at"]
    enrolled = (
        Enrollment.objects.filter(seeker=person)
        .exclude(status__in=[EnrollmentStatus.DECLINED, EnrollmentStatus.WITHDRAWN])
        .aggregate(at=Min("created_at"))["at"]
    )
    facts["applied_at"] = min([t for t in (applied, enrolled) if t is not None], default=None)
    facts["training_completed_at"] = Enrollment.objects.filter(
        seeker=person, status=EnrollmentStatus.COMPLETED
    ).aggregate(at=Min("updated_at"))["at"]
    facts["hired_at"] = Hire.objects.filter(seeker=person, status=HireStatus.VERIFIED).aggregate(
        at=Min("decided_at")
    )["at"]
    return facts


@transaction.atomic
def refresh_stages(*, person_id: int) -> None:
    """Bring the stage timestamps of every referral of the person up to date.

    A stage once reached stays reached (a later withdrawal does not undo "applied"); the
    profile has no timestamp of its own, so "profile complete" is dated when first seen.
    """
    person = User.objects.filter(pk=person_id).first()
    if person is None:
        return
    referrals = list(Referral.objects.select_for_update().filter(person=person))
    if not referrals:
        return
    facts = _stage_facts(person)
    now = timezone.now()
    for referral in referrals:
        changed = []
        for field in ("registered_at", "applied_at", "training_completed_at", "hired_at"):
            value = facts[field]
            if value is not None and getattr(referral, field) is None:
                setattr(referral, field, value)
                changed.append(field)
        if facts["profile_complete"] and referral.profile_completed_at is None:
            referral.profile_completed_at = now
            changed.append("profile_completed_at")
        if changed:
            referral.save(update_fields=[*changed, "updated_at"])


@transaction.atomic
def credit_hire(*, hire_id: int) -> CreditedHire | None:
    """Credit a verified hire to the earliest referral of the person; un-credit otherwise.

    The person is matched by account, or, for a hire of someone without an account, by the
    email address the partner referred. Earliest referral wins (created_at, then id).
    """
    hire = Hire.objects.select_for_update().filter(pk=hire_id).first()
    if hire is None:
        return None
    if hire.status != HireStatus.VERIFIED:
        CreditedHire.objects.filter(hire=hire).delete()
        return None
    if hire.seeker_id:
        refresh_stages(person_id=hire.seeker_id)
        candidates = Referral.objects.filter(person_id=hire.seeker_id)
    else:
        candidates = Referral.objects.filter(email__iexact=hire.external_email)
        candidates.filter(hired_at__isnull=True).update(hired_at=hire.decided_at or timezone.now())
    first = candidates.order_by("created_at", "pk").first()
    if first is None:
        return None
    credit, _created = CreditedHire.objects.update_or_create(
        hire=hire,
        defaults={"referral": first, "partner_id": first.partner_id, "start_date": hire.start_date},
    )
    return credit


@transaction.atomic
def withdraw_consent(*, referral: Referral, user: User) -> None:
    Referral.objects.filter(pk=referral.pk, person=user, consent_withdrawn_at__isnull=True).update(
        consent_withdrawn_at=timezone.now(), updated_at=timezone.now()
    )


@transaction.atomic
def restore_consent(*, referral: Referral, user: User) -> None:
    Referral.objects.filter(pk=referral.pk, person=user).update(
        consent_withdrawn_at=None, updated_at=timezone.now()
    )


def refresh_all_stages() -> int:
    """The periodic sweep: a profile completed since the last event shows up here."""
    person_ids = (
        Referral.objects.filter(person__isnull=False, hired_at__isnull=True)
        .values_list("person_id", flat=True)
        .distinct()
    )
    count = 0
    for person_id in person_ids:
        refresh_stages(person_id=person_id)
        count += 1
    return count
