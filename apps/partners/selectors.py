"""Reads of the partners app. Partners see a referral's stage, never the person's records."""

from collections import Counter
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from apps.accounts.models import Organization
from apps.employers.models import HireStatus

from .models import (
    RSVP,
    STAGE_FIELDS,
    CreditedHire,
    Event,
    EventStatus,
    Referral,
    RSVPStatus,
    Stage,
)

CONSENT_WITHDRAWN = "consent_withdrawn"


def referrals_of(organization: Organization, *, stage: str = ""):
    qs = Referral.objects.of_partner(organization).select_related("program", "job")
    if stage == CONSENT_WITHDRAWN:
        return qs.filter(consent_withdrawn_at__isnull=False)
    if stage:
        qs = qs.sharing()
        fields = [field for _stage, field in STAGE_FIELDS]
        index = [s for s, _f in STAGE_FIELDS].index(stage)
        reached, later = fields[index], fields[index + 1 :]
        if reached != "created_at":
            qs = qs.filter(**{f"{reached}__isnull": False})
        for field in later:
            qs = qs.filter(**{f"{field}__isnull": True})
    return qs


def stage_counts(organization: Organization) -> dict:
    """How many referrals are at each stage now (consent withdrawn counted apart)."""
    counts = Counter()
    fields = [field for _stage, field in STAGE_FIELDS if field != "created_at"]
    for row in Referral.objects.of_partner(organization).values(
        *fields, "consent_withdrawn_at", "created_at"
    ):
        if row["consent_withdrawn_at"]:
            counts[CONSENT_WITHDRAWN] += 1
            continue
        reached = Stage.INVITED
        for stage, field in STAGE_FIELDS:
            if row[field] is not None:
                reached = stage
        counts[reached] += 1
    return counts


def funnel(organization: Organization) -> list[dict]:
    """For each stage: how many referrals (sharing progress) reached it, and the conversion
    from the stage before, in percent."""
    qs = Referral.objects.of_partner(organization).sharing()
    aggregates = {"invited": Count("pk")}
    for stage, field in STAGE_FIELDS[1:]:
        aggregates[stage] = Count("pk", filter=Q(**{f"{field}__isnull": False}))
    totals = qs.aggregate(**aggregates)
    rows, previous = [], None
    for stage, _field in STAGE_FIELDS:
        reached = totals[stage]
        conversion = round(100 * reached / previous) if previous else None
        rows.append(
            {
                "stage": stage,
                "label": Stage(stage).label,
                "reached": reached,
                "conversion": conversion,
            }
        )
        previous = reached
    return rows


def stages_by_month(organization: Organization, *, months: int = 6) -> list[dict]:
    """Per month (America/Denver), how many referrals reached each stage in that month."""
    today = timezone.localdate()
    start_month = (today.year * 12 + today.month - 1) - (months - 1)
    start = date(start_month // 12, start_month % 12 + 1, 1)
    table = {}
    qs = Referral.objects.of_partner(organization).sharing()
    for stage, field in STAGE_FIELDS:
        for row in (
            qs.filter(**{f"{field}__date__gte": start})
            .annotate(month=TruncMonth(field))
            .values("month")
            .annotate(n=Count("pk"))
        ):
            month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
            table.setdefault(month, {})[stage] = row["n"]
    rows = []
    for i in range(months):
        m = start_month + i
        month = date(m // 12, m % 12 + 1, 1)
        counts = table.get(month, {})
        rows.append({"month": month, "counts": [counts.get(s, 0) for s, _f in STAGE_FIELDS]})
    return rows


def hires_credited(organization: Organization) -> int:
    return CreditedHire.objects.filter(partner=organization).count()


def hires_by_partner(start: date, end: date) -> list[dict]:
    """Verified hires credited to each partner, by hire start date in [start, end].

    For the goal dashboard's "by partner" breakdown: [{"partner_id", "partner", "hires"}],
    most hires first. A hire is credited to the partner whose referral came first.
    """
    rows = (
        CreditedHire.objects.filter(
            start_date__gte=start, start_date__lte=end, hire__status=HireStatus.VERIFIED
        )
        .values("partner_id", "partner__name")
        .annotate(hires=Count("pk"))
        .order_by("-hires", "partner__name")
    )
    return [
        {"partner_id": r["partner_id"], "partner": r["partner__name"], "hires": r["hires"]}
        for r in rows
    ]


def referrals_of_person(user):
    return Referral.objects.filter(person=user).select_related("partner", "referred_by")


def pending_referrals_for_email(user):
    """Referrals sent to this account's address that are not linked yet (to confirm once)."""
    return Referral.objects.filter(email__iexact=user.email, person__isnull=True).select_related(
        "partner"
    )


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------
def public_events(*, kind: str = "", language: str = "", include_past: bool = False):
    qs = Event.objects.published().select_related("organization")
    if not include_past:
        qs = qs.upcoming()
    if kind:
        qs = qs.filter(kind=kind)
    if language:
        qs = qs.filter(language=language)
    return qs.annotate(going=Count("rsvps", filter=Q(rsvps__status=RSVPStatus.GOING)))


def seats_taken(event: Event) -> int:
    return event.rsvps.filter(status=RSVPStatus.GOING).count()


def rsvp_of(event: Event, user) -> RSVP | None:
    if not user.is_authenticated:
        return None
    return RSVP.objects.filter(event=event, user=user).first()


def rsvps_of_event(event: Event):
    return event.rsvps.select_related("user").order_by("status", "created_at", "pk")


def organizer_events(scope):
    return scope.annotate(
        going=Count("rsvps", filter=Q(rsvps__status=RSVPStatus.GOING)),
        waitlisted=Count("rsvps", filter=Q(rsvps__status=RSVPStatus.WAITLIST)),
    ).order_by("-starts_at")


def upcoming_events_of(organization: Organization):
    return organizer_events(Event.objects.filter(organization=organization).upcoming()).order_by(
        "starts_at"
    )


def review_queue():
    return Event.objects.filter(status=EventStatus.PENDING).select_related(
        "organization", "created_by"
    )
