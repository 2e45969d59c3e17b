"""Writes for pledges: an employer's commitment of hires by a date, and which verified hires
fill it.

The filling rule (decided): a verified hire counts toward a pledge of its employer when its
start date is on or before the pledge's date and on or after the day the pledge was made,
and, if the pledge names occupations, its occupation is one of them. A hire fills at most
one pledge: the earliest-ending pledge that fits and still has room, the employer's verified
hires taken in order of start date. `Hire.pledge` is derived by :func:`refill_pledges`,
never chosen: it runs when staff verify or reject a hire and when a pledge is saved.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import Organization, User
from apps.accounts.services import Gated, require_can_publish

from ..models import Hire, HireStatus, Pledge

PLEDGE_MAX_DAYS_AHEAD = 3 * 365  # a pledge is a near-term commitment: at most three years


def latest_pledge_date(today=None) -> date:
    """The furthest "by" date a pledge made today may choose."""
    return (today or timezone.localdate()) + timedelta(days=PLEDGE_MAX_DAYS_AHEAD)


def pledge_date_problem(by_date) -> str:
    """Why a pledge can't be due on `by_date` (too far ahead), or ""."""
    latest = latest_pledge_date()
    if by_date > latest:
        return _("Choose a date on or before %(date)s, at most three years from today.") % {
            "date": date_format(latest, "DATE_FORMAT")
        }
    return ""


@transaction.atomic
def save_pledge(*, employer: Organization, data: dict, occupations, signed_by: User, pledge=None):
    if employer.kind != Organization.Kind.EMPLOYER:
        raise ValidationError(_("Only employers pledge hires."), code="not_employer")
    require_can_publish(organization=employer, action=Gated.PLEDGE)
    if pledge is not None and pledge.employer_id != employer.pk:
        raise ValidationError(_("This pledge belongs to another organization."))
    occupations = list(occupations)
    if not occupations or not all(o.is_tech for o in occupations):
        raise ValidationError({"occupations": _("Choose one or more tech occupations.")})
    if pledge is not None and not pledge.is_active:
        raise ValidationError(_("This pledge has ended and can no longer be changed."))
    if data.get("by_date") and data["by_date"] < timezone.localdate():
        raise ValidationError({"by_date": _("Choose a date in the future.")})
    if data.get("by_date") and (problem := pledge_date_problem(data["by_date"])):
        raise ValidationError({"by_date": problem})
    pledge = pledge or Pledge(employer=employer)
    for name, value in data.items():
        setattr(pledge, name, value)
    pledge.signed_by = signed_by
    pledge.full_clean(exclude=["occupations"])
    pledge.save()
    pledge.occupations.set(occupations)
    refill_pledges(employer_id=employer.pk)
    return pledge


def lock_employer(employer_id: int) -> None:
    """Serialize the writes that deal an employer's hires to its pledges (verifying and
    rejecting hires, saving pledges): each sees the others' committed result."""
    list(Organization.objects.select_for_update().filter(pk=employer_id).values_list("pk"))


def fitting_pledge(hire, pledges, room: dict[int, int]):
    """The earliest-ending of `pledges` (sorted by date) that `hire` fits and that has room."""
    for pledge in pledges:
        occupations = {o.pk for o in pledge.occupations.all()}
        if (
            timezone.localtime(pledge.created_at).date() <= hire.start_date <= pledge.by_date
            and (not occupations or hire.occupation_id in occupations)
            and room[pledge.pk] > 0
        ):
            return pledge
    return None


@transaction.atomic
def refill_pledges(*, employer_id: int) -> int:
    """Deal the employer's verified hires to its pledges by the filling rule; every other hire
    holds no pledge. Returns how many hires changed pledge. Idempotent."""
    lock_employer(employer_id)
    pledges = list(
        Pledge.objects.filter(employer_id=employer_id)
        .prefetch_related("occupations")
        .order_by("by_date", "created_at", "pk")
    )
    room = {pledge.pk: pledge.hires for pledge in pledges}
    changed = []
    hires = (
        Hire.objects.filter(employer_id=employer_id)
        .only("pk", "status", "start_date", "occupation_id", "pledge_id")
        .order_by("start_date", "pk")
    )
    for hire in hires:
        pledge = None
        if hire.status == HireStatus.VERIFIED:
            pledge = fitting_pledge(hire, pledges, room)
            if pledge is not None:
                room[pledge.pk] -= 1
        pledge_id = pledge.pk if pledge else None
        if hire.pledge_id != pledge_id:
            hire.pledge_id = pledge_id
            changed.append(hire)
    Hire.objects.bulk_update(changed, ["pledge"])
    return len(changed)
