"""Writes for trainings: programs, cohorts, enrollment (with seats held under concurrency)."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.accounts.models import Organization
from apps.accounts.selectors import team_users
from apps.accounts.services import Gated, require_can_publish
from apps.audit.models import Action
from apps.audit.services import record
from apps.core.events import send_on_commit
from apps.core.search import folded_words, refresh_vector, skill_words
from apps.notifications.services import Message, notify, notify_many
from apps.seekers.services import add_verified_skills

from .models import (
    SEAT_HOLDING,
    TRANSITIONS,
    Cohort,
    Enrollment,
    EnrollmentEvent,
    EnrollmentStatus,
    Program,
    ProgramStatus,
)
from .signals import cohort_published, enrollment_completed


# ---------------------------------------------------------------------------
# Programs
# ---------------------------------------------------------------------------
def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "program"
    slug, n = base, 2
    while Program.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


SEARCH_WEIGHTS = {"A": ["title"], "B": ["skills_text"], "C": ["summary", "description"]}


def refresh_search(program: Program) -> None:
    refresh_search_of(Program.objects.filter(pk=program.pk))


def refresh_search_of(programs) -> None:
    """Rebuild the folded taxonomy words (skills and occupations, both languages, aliases)
    and the search documents of `programs`: a read, a bulk update, one set-based UPDATE."""
    rows = list(programs.prefetch_related("skills", "occupations").only("pk", "skills_text"))
    for row in rows:
        titles = [t for o in row.occupations.all() for t in (o.title_en, o.title_es)]
        row.skills_text = folded_words(*titles, *skill_words(row.skills.all()))
    Program.objects.bulk_update(rows, ["skills_text"], batch_size=500)
    refresh_vector(Program.objects.filter(pk__in=[r.pk for r in rows]), weighted=SEARCH_WEIGHTS)


@transaction.atomic
def save_program(
    *, provider: Organization, data: dict, skills, occupations, program=None
) -> Program:
    if provider.kind != Organization.Kind.PROVIDER:
        raise ValidationError(_("Only training providers list programs."))
    creating = program is None
    if creating:
        program = Program(provider=provider, slug=_unique_slug(data["title"]))
    for name, value in data.items():
        setattr(program, name, value)
    program.full_clean(exclude=["skills", "occupations", "search_vector", "slug"])
    for attempt in range(5):
        try:
            with transaction.atomic():
                program.save()
            break
        except IntegrityError:
            # Another program took this slug a moment ago: take the next one.
            if not creating or attempt == 4:
                raise
            program.slug = f"{_unique_slug(data['title'])}-{attempt + 2}"
    program.skills.set(skills)
    program.occupations.set(occupations)
    refresh_search(program)
    return program


def publish_program(*, program: Program) -> Program:
    require_can_publish(organization=program.provider, action=Gated.PUBLISH_PROGRAM)
    if not program.cohorts.filter(end_date__gte=timezone.localdate()).exists():
        raise ValidationError(
            _("Add at least one upcoming class date (cohort) before publishing."),
            code="no_cohort",
        )
    if not program.skills.exists():
        raise ValidationError(_("Choose the skills the program teaches."), code="no_skills")
    was_published = Program.objects.filter(pk=program.pk, status=ProgramStatus.PUBLISHED).exists()
    program.status = ProgramStatus.PUBLISHED
    program.published_at = program.published_at or timezone.now()
    program.save(update_fields=["status", "published_at", "updated_at"])
    if not was_published:
        _announce(program.cohorts.all())
    return program


def _announce(cohorts) -> None:
    """Send `cohort_published` (on commit) for those of `cohorts` the public can now see."""
    visible = cohorts.filter(end_date__gte=timezone.localdate()).order_by("pk")
    for cohort_id, program_id in visible.values_list("pk", "program_id"):
        send_on_commit(cohort_published, sender=Cohort, cohort_id=cohort_id, program_id=program_id)


def announce_provider_cohorts(*, provider_id: int) -> None:
    """The provider was approved (again): its published programs' classes are visible again.

    Called by receivers.provider_approved (accounts' `organization_approved`). A provider's
    first approval finds nothing: a pending provider cannot publish.
    """
    _announce(
        Cohort.objects.filter(
            program__provider_id=provider_id,
            program__status=ProgramStatus.PUBLISHED,
            program__provider__status=Organization.Status.APPROVED,
        )
    )


def set_program_status(*, program: Program, status: str) -> Program:
    if status not in ProgramStatus.values:
        raise ValidationError(_("Unknown program status."), code="bad_status")
    if status == ProgramStatus.PUBLISHED:
        return publish_program(program=program)
    program.status = status
    program.save(update_fields=["status", "updated_at"])
    return program


# ---------------------------------------------------------------------------
# Cohorts
# ---------------------------------------------------------------------------
# Class dates are listed at most about three years ahead (a typo like 9999 is refused), and a
# class lasts at most five years: ProgramForm's longest program, 260 weeks.
MAX_DAYS_AHEAD = 3 * 365
MAX_LENGTH_DAYS = 260 * 7


def cohort_date_errors(
    *, start: date | None, end: date | None, deadline: date | None, saved: Cohort | None = None
) -> dict[str, str]:
    """The rules a class's dates follow, as {field: message}; empty when they're fine.

    `saved`: the cohort as stored, when editing. A new class, or a date that changes, can't be
    in the past; a class that already started keeps its own dates and may be corrected.
    Missing dates (None) are skipped: the form reports them.
    """
    errors = {}
    today = timezone.localdate()

    def changed(name, value):
        return saved is None or getattr(saved, name) != value

    if start:
        if start < today and changed("start_date", start):
            errors["start_date"] = _("This date has passed. Choose today or a later date.")
        elif start > today + timedelta(days=MAX_DAYS_AHEAD):
            errors["start_date"] = _(
                "Choose a start date within three years from today: %(date)s at the latest."
            ) % {"date": date_format(today + timedelta(days=MAX_DAYS_AHEAD), "DATE_FORMAT")}
    if start and end:
        if end < start:
            errors["end_date"] = _("The end date can’t be before the start date.")
        elif (end - start).days > MAX_LENGTH_DAYS:  # (start + days could pass year 9999)
            errors["end_date"] = _("A class lasts at most five years. Check the end date.")
    if deadline:
        if start and deadline > start:
            errors["enrollment_deadline"] = _(
                "The enrollment deadline must be on or before the start date."
            )
        elif deadline < today and changed("enrollment_deadline", deadline):
            errors["enrollment_deadline"] = _(
                "The enrollment deadline has passed. Choose today or a later date."
            )
    return errors


@transaction.atomic
def save_cohort(*, program: Program, data: dict, cohort=None) -> Cohort:
    cohort = cohort or Cohort(program=program)
    saved = None
    if cohort.pk:
        # The same lock `apply()` takes: seats can't drop below those held meanwhile.
        saved = Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    for name, value in data.items():
        setattr(cohort, name, value)
    errors = cohort_date_errors(
        start=cohort.start_date,
        end=cohort.end_date,
        deadline=cohort.enrollment_deadline,
        saved=saved,
    )
    if errors:
        raise ValidationError(errors)
    if cohort.pk:
        taken = cohort.enrollments.filter(status__in=SEAT_HOLDING).count()
        if cohort.seats < taken:
            raise ValidationError(
                {"seats": _("%(taken)d people already hold a seat.") % {"taken": taken}}
            )
    cohort.full_clean()
    creating = cohort.pk is None
    cohort.save()
    if creating and program.status == ProgramStatus.PUBLISHED and program.provider.can_publish:
        _announce(Cohort.objects.filter(pk=cohort.pk))
    if saved is not None and saved.start_date != cohort.start_date:
        notify_class_moved(cohort=cohort, old_start=saved.start_date)
    return cohort


# Who hears that a class moved: the people it expects in class.
EXPECTED_IN_CLASS = (EnrollmentStatus.ACCEPTED, EnrollmentStatus.ENROLLED)


def notify_class_moved(*, cohort: Cohort, old_start: date) -> int:
    """Tell accepted and enrolled people, each in their language, that the class moved.

    Call it inside the transaction that saved the new dates; returns how many were told.
    """
    people = [
        enrollment.seeker
        for enrollment in cohort.enrollments.filter(status__in=EXPECTED_IN_CLASS)
        .select_related("seeker")
        .order_by("pk")
    ]
    context = {
        "program_title": cohort.program.title,
        "old_start_date": old_start.isoformat(),
        "start_date": cohort.start_date.isoformat(),
        "end_date": cohort.end_date.isoformat(),
        "location": cohort.location,
        "url": reverse("trainings:mine"),
    }
    # One message per person per save: moving the class again tells them again.
    moved = f"{cohort.pk}:{cohort.updated_at:%Y%m%d%H%M%S%f}"
    return notify_many(
        [
            Message(
                recipient=person,
                kind="class_rescheduled",
                context=context,
                dedupe_key=f"class-moved:{moved}:{person.pk}",
            )
            for person in people
        ]
    )


# ---------------------------------------------------------------------------
# Enrollment
# ---------------------------------------------------------------------------
class CohortFull(ValidationError):
    pass


def apply(*, seeker, cohort: Cohort, note: str = "") -> Enrollment:
    """A seeker asks for a seat. The cohort row is locked, so the last seat goes to one."""
    with transaction.atomic():
        cohort = (
            Cohort.objects.select_for_update().select_related("program__provider").get(pk=cohort.pk)
        )
        program = cohort.program
        if not Program.objects.published().filter(pk=program.pk).exists():
            raise ValidationError(_("This program is not open for enrollment."))
        if cohort.enrollment_deadline < timezone.localdate():
            raise ValidationError(_("Enrollment for this class has closed."), code="closed")
        if Enrollment.objects.filter(cohort=cohort, seeker=seeker).exists():
            raise ValidationError(_("You already applied to this class."), code="duplicate")
        taken = cohort.enrollments.filter(status__in=SEAT_HOLDING).count()
        if taken >= cohort.seats:
            raise CohortFull(_("This class is full. Choose another date or program."), code="full")
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.create(cohort=cohort, seeker=seeker, note=note)
        except IntegrityError as exc:
            raise ValidationError(
                _("You already applied to this class."), code="duplicate"
            ) from exc
        EnrollmentEvent.objects.create(
            enrollment=enrollment, to_status=EnrollmentStatus.APPLIED, actor=seeker
        )
        roster = reverse("trainings:roster", kwargs={"pk": cohort.pk})
        for member in team_users(program.provider):
            notify(
                recipient=member,
                kind="enrollment_received",
                context={
                    "program_title": program.title,
                    "start_date": cohort.start_date.isoformat(),
                    "seeker_name": seeker.get_full_name() or seeker.email,
                    "url": roster,
                },
                dedupe_key=f"enrollment-received:{enrollment.pk}:{member.pk}",
            )
    return enrollment


def change_status(
    *,
    enrollment: Enrollment,
    to: str,
    actor,
    note: str = "",
    credential_earned: bool | None = None,
    early_reason: str = "",
) -> Enrollment:
    """Move an enrollment on. Completing one verifies the program's skills on the profile, so
    it waits for the class's last week, unless `early_reason` says why (kept for staff)."""
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.select_for_update()
            .select_related("cohort__program__provider", "seeker")
            .get(pk=enrollment.pk)
        )
        current = enrollment.status
        if to not in TRANSITIONS.get(current, set()):
            raise ValidationError(
                _("An enrollment marked “%(current)s” cannot become “%(to)s”.")
                % {
                    "current": EnrollmentStatus(current).label,
                    "to": EnrollmentStatus(to).label if to in EnrollmentStatus.values else to,
                },
                code="bad_transition",
            )
        start = enrollment.cohort.start_date
        if to == EnrollmentStatus.COMPLETED and start > timezone.localdate():
            # Completion verifies skills on the seeker's profile: not before the class began.
            raise ValidationError(
                _(
                    "This class starts on %(date)s. You can mark people completed once it "
                    "has started."
                )
                % {"date": date_format(start, "DATE_FORMAT")},
                code="not_started",
            )
        early_reason = early_reason.strip() if to == EnrollmentStatus.COMPLETED else ""
        last_week = enrollment.cohort.last_week_starts
        if to == EnrollmentStatus.COMPLETED:
            if last_week <= timezone.localdate():
                early_reason = ""
            elif not early_reason:
                raise ValidationError(
                    _(
                        "This class ends on %(end)s. You can mark people completed from "
                        "%(date)s, its last week. To mark someone completed earlier, give the "
                        "reason."
                    )
                    % {
                        "end": date_format(enrollment.cohort.end_date, "DATE_FORMAT"),
                        "date": date_format(last_week, "DATE_FORMAT"),
                    },
                    code="before_last_week",
                )
        enrollment.status = to
        enrollment.credential_earned = (
            bool(credential_earned) if to == EnrollmentStatus.COMPLETED else None
        )
        enrollment.save(update_fields=["status", "credential_earned", "updated_at"])
        event = EnrollmentEvent.objects.create(
            enrollment=enrollment,
            from_status=current,
            to_status=to,
            actor=actor,
            note=note,
            early_reason=early_reason,
        )
        program = enrollment.cohort.program
        if to == EnrollmentStatus.COMPLETED:
            add_verified_skills(
                user=enrollment.seeker, skills=program.skills.all(), source=program.title
            )
            send_on_commit(
                enrollment_completed,
                sender=Enrollment,
                enrollment_id=enrollment.pk,
                seeker_id=enrollment.seeker_id,
                cohort_id=enrollment.cohort_id,
                credential_earned=bool(enrollment.credential_earned),
            )
        if actor != enrollment.seeker:
            # The provider's decision about a person: on the audit trail (a seeker
            # withdrawing is their own choice, not recorded).
            record(
                action=(
                    Action.ENROLLMENT_COMPLETED
                    if to == EnrollmentStatus.COMPLETED
                    else Action.ENROLLMENT_MOVED
                ),
                actor=actor,
                target=enrollment,
                target_label=str(enrollment.cohort),  # the program and class, not the person
                organization=program.provider,
                person=enrollment.seeker,
                details={
                    "from": str(current),
                    "to": str(to),
                    "cohort": enrollment.cohort_id,
                    "program": program.pk,
                    "credential_earned": enrollment.credential_earned,
                    "early": bool(early_reason),
                },
            )
            notify(
                recipient=enrollment.seeker,
                kind="enrollment_status",
                context={
                    "program_title": program.title,
                    "start_date": enrollment.cohort.start_date.isoformat(),
                    "status": to,
                    "credential_earned": enrollment.credential_earned,
                    "note": note,
                    "url": reverse("trainings:mine"),
                },
                dedupe_key=f"enrollment-status:{event.pk}",
            )
    return enrollment


def withdraw(*, enrollment: Enrollment, seeker) -> Enrollment:
    if enrollment.seeker_id != seeker.pk:
        raise ValidationError(_("This is not your enrollment."))
    return change_status(enrollment=enrollment, to=EnrollmentStatus.WITHDRAWN, actor=seeker)


# ---------------------------------------------------------------------------
# Placement (a fact employers report; trainings keeps it for the program's outcomes)
# ---------------------------------------------------------------------------
def record_placement(*, enrollment_id: int, placed_at: datetime) -> bool:
    """Staff verified a hire that followed this training: the person counts as placed.

    Called by employers when a hire linked to the enrollment is verified; the first
    verification counts (a later one changes nothing). Returns whether the row changed.
    """
    return bool(
        Enrollment.objects.filter(pk=enrollment_id, placed_at__isnull=True).update(
            placed_at=placed_at, updated_at=timezone.now()
        )
    )
