"""Reads for pledges and hires: the employer's pages, the staff queue and the employer's
dashboard. Every count is set-based (annotations and aggregates): query counts stay flat
however many pledges, hires and applicants there are.

"Reported" counts every hire that still stands (waiting for verification or verified);
a rejected hire no longer counts. Only verified hires into tech occupations count toward
the program's goal.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from .models import Application, ApplicationStatus, Hire, HireStatus, Job, JobStatus, Pledge

STANDING = (HireStatus.REPORTED, HireStatus.VERIFIED)  # not rejected: the hire still stands


def standing_hire_exists():
    """A hire that still stands (reported or verified) of the application's person at the
    application's employer. (A hire elsewhere is another job: it doesn't report this one.)"""
    return Exists(
        Hire.objects.filter(seeker=OuterRef("seeker"), employer=OuterRef("job__employer")).exclude(
            status=HireStatus.REJECTED
        )
    )


def hired_but_not_reported():
    """Applicants marked hired whose hire their employer has not reported."""
    return Application.objects.filter(status=ApplicationStatus.HIRED).exclude(
        standing_hire_exists()
    )


def pledges_of(organization) -> QuerySet[Pledge]:
    return Pledge.objects.filter(employer=organization)


def hires_of(organization) -> QuerySet[Hire]:
    return Hire.objects.filter(employer=organization)


def hired_applications_of(organization) -> QuerySet[Application]:
    """Applications to the organization's jobs that the employer marked hired."""
    return Application.objects.filter(job__employer=organization, status=ApplicationStatus.HIRED)


def _percent(part: int, whole: int) -> int:
    return min(100, round(100 * part / whole)) if whole else 0


# ---------------------------------------------------------------------------
# The employer's pledges
# ---------------------------------------------------------------------------
def pledge_list(organization) -> tuple[list[Pledge], dict]:
    """The organization's pledges (latest deadline first) with their progress, and totals.

    Progress follows the filling rule (services/pledges.py): each pledge gets
    `verified_count` (the verified hires that fill it) and `verified_percent`. The totals
    add them up, with `waiting`: the organization's hires waiting for verification (they
    fill no pledge yet). Four queries, whatever the numbers.
    """
    pledges = list(
        pledges_of(organization)
        .select_related("signed_by")
        .prefetch_related("occupations")
        .annotate(
            verified_count=Count("hire_set", filter=Q(hire_set__status=HireStatus.VERIFIED)),
        )
        .order_by("-by_date", "-pk")
    )
    totals = {"pledged": 0, "verified": 0, "active": 0}
    for pledge in pledges:
        pledge.verified_percent = _percent(pledge.verified_count, pledge.hires)
        totals["pledged"] += pledge.hires
        totals["verified"] += pledge.verified_count
        totals["active"] += pledge.is_active
    totals["verified_percent"] = _percent(totals["verified"], totals["pledged"])
    totals["waiting"] = hires_of(organization).filter(status=HireStatus.REPORTED).count()
    return pledges, totals


# ---------------------------------------------------------------------------
# The employer's hires
# ---------------------------------------------------------------------------
def hire_list(organization) -> QuerySet[Hire]:
    return (
        hires_of(organization)
        .select_related(
            "seeker",
            "occupation",
            "pledge",
            "job",
            "training_enrollment__cohort__program__provider",
        )
        .order_by("-start_date", "-pk")
    )


def hire_totals(hires: QuerySet[Hire]) -> dict:
    return hires.aggregate(
        reported=Count("pk", filter=Q(status__in=STANDING)),
        waiting=Count("pk", filter=Q(status=HireStatus.REPORTED)),
        verified=Count("pk", filter=Q(status=HireStatus.VERIFIED)),
        rejected=Count("pk", filter=Q(status=HireStatus.REJECTED)),
    )


def hired_not_reported(organization) -> QuerySet[Application]:
    """Applicants marked hired for whom no hire was reported yet (oldest decision first)."""
    return (
        hired_applications_of(organization)
        .exclude(standing_hire_exists())
        .select_related("seeker", "job")
        .order_by("updated_at", "pk")
    )


# ---------------------------------------------------------------------------
# Staff: the verification queue
# ---------------------------------------------------------------------------
def hire_queue(status: str) -> QuerySet[Hire]:
    """Hires with this status: waiting ones oldest first, decided ones latest decision first."""
    hires = Hire.objects.filter(status=status).select_related(
        "employer",
        "seeker",
        "occupation",
        "job",
        "application",
        "pledge",
        "reported_by",
        "decided_by",
        "training_enrollment__cohort__program__provider",
    )
    if status == HireStatus.REPORTED:
        return hires.order_by("created_at", "pk")
    return hires.order_by("-decided_at", "-pk")


def queue_counts() -> dict[str, int]:
    return Hire.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in HireStatus.values}
    )


# ---------------------------------------------------------------------------
# The employer's dashboard (templates/employers/_employer_dashboard.html)
# ---------------------------------------------------------------------------
def employer_dashboard(organization) -> dict:
    """What the employer's part of the dashboard shows. Four queries, whatever the numbers."""
    today = timezone.localdate()
    pledges = pledges_of(organization).aggregate(
        count=Count("pk"),
        active=Count("pk", filter=Q(by_date__gte=today)),
        pledged=Sum("hires", default=0),
        active_pledged=Sum("hires", filter=Q(by_date__gte=today), default=0),
    )
    hires = hires_of(organization).aggregate(
        count=Count("pk"),
        reported=Count("pk", filter=Q(status__in=STANDING)),
        waiting=Count("pk", filter=Q(status=HireStatus.REPORTED)),
        verified=Count("pk", filter=Q(status=HireStatus.VERIFIED)),
        verified_tech=Count("pk", filter=Q(status=HireStatus.VERIFIED, occupation__is_tech=True)),
        rejected=Count("pk", filter=Q(status=HireStatus.REJECTED)),
    )
    hires["verified_other"] = hires["verified"] - hires["verified_tech"]
    jobs = Job.objects.filter(employer=organization).aggregate(
        count=Count("pk"),
        open=Count("pk", filter=Q(status=JobStatus.PUBLISHED, closes_on__gte=today)),
    )
    not_reported = hired_not_reported(organization).count()
    return {
        "pledges": pledges,
        "hires": hires,
        "jobs": jobs,
        "hired_not_reported": not_reported,
        "is_new": not (pledges["count"] or hires["count"] or jobs["count"] or not_reported),
    }
