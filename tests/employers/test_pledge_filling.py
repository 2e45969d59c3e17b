"""Which pledge a verified hire fills (services/pledges.py), on small hand-built data.

The rule: a verified hire counts toward a pledge of its employer when it starts on or after
the day the pledge was made and on or before the pledge's date, and, if the pledge names
occupations, in one of them. It fills at most one: the earliest-ending pledge that fits and
still has room. Staff verifying assigns it; rejecting holds none."""

import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.employers.models import Hire, Pledge
from apps.employers.services.hires import reject_hire, report_hire, verify_hire
from apps.employers.services.pledges import refill_pledges, save_pledge
from tests.factories.hires import DEVELOPERS, HELP_DESK, NOT_TECH, occupation

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MADE = TODAY - timedelta(days=100)  # the day the pledges below were made
BY = TODAY - timedelta(days=20)  # their date


def pledge(employer, *, hires=5, made=MADE, by=BY, socs=(DEVELOPERS,)) -> Pledge:
    row = Pledge.objects.create(employer=employer, hires=hires, by_date=by)
    # Made late in the evening, local time: the day it was made is still `made`.
    evening = timezone.make_aware(datetime.combine(made, time(23, 30)))
    Pledge.objects.filter(pk=row.pk).update(created_at=evening)
    row.occupations.set([occupation(code) for code in socs])
    row.refresh_from_db()
    return row


def reported(employer, start, soc=DEVELOPERS) -> Hire:
    return report_hire(
        employer=employer,
        actor=None,
        occupation=occupation(soc),
        start_date=start,
        wage=Decimal("20"),
        wage_unit="hour",
        external_name="Pat Example",
        external_email=f"{uuid.uuid4().hex[:8]}@people.example",
    )


def verified(employer, start, soc=DEVELOPERS, *, staff) -> Hire:
    return verify_hire(hire=reported(employer, start, soc), reviewer=staff)


def test_the_window_includes_the_day_made_and_the_pledge_date(personas):
    org, staff = personas.orgs.employer, personas.staff
    promise = pledge(org, hires=10)
    inside = [MADE, MADE + timedelta(days=1), BY - timedelta(days=1), BY]
    outside = [MADE - timedelta(days=1), BY + timedelta(days=1)]
    for start in inside:
        assert verified(org, start, staff=staff).pledge == promise, start
    for start in outside:
        assert verified(org, start, staff=staff).pledge is None, start


def test_the_occupation_must_be_one_the_pledge_names(personas):
    org, staff = personas.orgs.employer, personas.staff
    promise = pledge(org, socs=(DEVELOPERS, HELP_DESK))
    assert verified(org, MADE, DEVELOPERS, staff=staff).pledge == promise
    assert verified(org, MADE, HELP_DESK, staff=staff).pledge == promise
    assert verified(org, MADE, NOT_TECH, staff=staff).pledge is None


def test_a_pledge_naming_no_occupation_takes_any(personas):
    promise = pledge(personas.orgs.employer, socs=())
    hire = verified(personas.orgs.employer, MADE, NOT_TECH, staff=personas.staff)
    assert hire.pledge == promise


def test_a_full_pledge_takes_no_more(personas):
    org, staff = personas.orgs.employer, personas.staff
    promise = pledge(org, hires=2)
    first, second = (verified(org, MADE + timedelta(days=i), staff=staff) for i in range(2))
    third = verified(org, MADE + timedelta(days=2), staff=staff)
    assert first.pledge == second.pledge == promise
    assert third.pledge is None
    assert promise.hire_set.count() == 2


def test_the_earliest_ending_pledge_that_fits_and_has_room_is_filled_first(personas):
    org, staff = personas.orgs.employer, personas.staff
    later = pledge(org, hires=5, by=BY)
    sooner = pledge(org, hires=1, by=BY - timedelta(days=30))
    help_desk_only = pledge(org, hires=5, by=BY - timedelta(days=60), socs=(HELP_DESK,))
    # Fits all three by date, but the earliest-ending one names only help desk.
    one = verified(org, MADE + timedelta(days=1), DEVELOPERS, staff=staff)
    assert one.pledge == sooner
    # The sooner one is now full: the next fills the later one.
    two = verified(org, MADE + timedelta(days=2), DEVELOPERS, staff=staff)
    assert two.pledge == later
    # Starting after the sooner pledge's date: only the later one fits.
    three = verified(org, BY - timedelta(days=10), DEVELOPERS, staff=staff)
    assert three.pledge == later
    assert verified(org, MADE, HELP_DESK, staff=staff).pledge == help_desk_only


def test_another_employers_pledge_is_never_filled(personas):
    pledge(personas.orgs.other_employer, socs=())
    assert verified(personas.orgs.employer, MADE, staff=personas.staff).pledge is None


def test_a_waiting_or_rejected_hire_holds_no_slot(personas):
    org, staff = personas.orgs.employer, personas.staff
    promise = pledge(org, hires=1)
    waiting = reported(org, MADE)
    # A hire from before the rule, whose employer chose the pledge, seems to hold the slot.
    Hire.objects.filter(pk=waiting.pk).update(pledge=promise)
    assert verified(org, MADE + timedelta(days=1), staff=staff).pledge == promise
    waiting.refresh_from_db()
    assert waiting.pledge is None  # only verified hires hold a pledge
    rejected = reject_hire(hire=waiting, reviewer=staff, reason="Not on the payroll.")
    assert rejected.pledge is None
    assert promise.hire_set.count() == 1


def test_rejecting_frees_the_slot_for_the_next_verified_hire(personas):
    """Two hires compete for one slot: the earlier start holds it while verified; once it is
    rejected (a staff correction recorded by re-deciding), the other takes it."""
    org, staff = personas.orgs.employer, personas.staff
    promise = pledge(org, hires=1)
    first = verified(org, MADE, staff=staff)
    second = verified(org, MADE + timedelta(days=1), staff=staff)
    assert (first.pledge, second.pledge) == (promise, None)
    # Staff correct the first decision (no screen does this today; the admin or a later
    # feature may): the hires are dealt again and the freed slot goes to the second.
    Hire.objects.filter(pk=first.pk).update(status="rejected", rejection_reason="Duplicate.")
    refill_pledges(employer_id=org.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.pledge, second.pledge) == (None, promise)


def test_changing_a_pledge_deals_the_verified_hires_again(personas):
    org, staff = personas.orgs.employer, personas.staff
    promise = pledge(org, hires=1, by=TODAY + timedelta(days=30), socs=(HELP_DESK,))
    hire = verified(org, MADE, DEVELOPERS, staff=staff)
    assert hire.pledge is None
    save_pledge(
        employer=org,
        data={"hires": 1, "by_date": promise.by_date},
        occupations=[occupation(HELP_DESK), occupation(DEVELOPERS)],
        signed_by=personas.employer,
        pledge=promise,
    )
    hire.refresh_from_db()
    assert hire.pledge == promise


def test_refilling_is_idempotent(personas):
    org, staff = personas.orgs.employer, personas.staff
    pledge(org, hires=1)
    pledge(org, hires=1, by=BY - timedelta(days=5))
    for i in range(3):
        verified(org, MADE + timedelta(days=i), staff=staff)
    assert refill_pledges(employer_id=org.pk) == 0
