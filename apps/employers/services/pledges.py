"""Writes for pledges: an employer's commitment of hires by a date."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import Organization, User

from ..models import Pledge

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
    if not employer.can_publish:
        raise ValidationError(
            _("Your organization can pledge once Workforce Solutions Borderplex approves it."),
            code="employer_not_approved",
        )
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
    return pledge
