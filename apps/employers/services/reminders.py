"""Reminders sent by beat: hires nobody reported, and hires waiting for staff."""

from datetime import timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Membership, Role, User
from apps.notifications.services import Message, notify_many

from ..models import Application, ApplicationStatus, Hire, HireStatus
from ..selectors_hires import hired_but_not_reported, standing_hire_exists


def remind_unreported_outcomes(today=None) -> int:
    """Weekly: employers with hires not reported, or offers waiting two weeks. New reminders."""
    today = today or timezone.localdate()  # names the week, for the dedupe key
    stale = timezone.now() - timedelta(days=14)
    old_offers = Application.objects.filter(
        status=ApplicationStatus.OFFER, updated_at__lt=stale
    ).exclude(standing_hire_exists())
    counts: dict[int, int] = {}
    for queryset in (hired_but_not_reported(), old_offers):
        for row in queryset.values("job__employer_id").annotate(n=Count("pk")):
            counts[row["job__employer_id"]] = counts.get(row["job__employer_id"], 0) + row["n"]
    week = today.isocalendar()
    messages = [
        Message(
            recipient=membership.user,
            kind="hire_reminder",
            context={
                "count": counts[membership.organization_id],
                "url": reverse("employers:hires"),
            },
            dedupe_key=(
                f"hire-reminder:{membership.organization_id}:{membership.user_id}:"
                f"{week.year}-{week.week}"
            ),
        )
        for membership in Membership.objects.filter(organization_id__in=counts).select_related(
            "user"
        )
    ]
    return notify_many(messages)


def remind_unverified_hires(today=None) -> int:
    """Daily: tell staff about reported hires waiting more than a week. New reminders."""
    today = today or timezone.localdate()  # names the day, for the dedupe key
    cutoff = timezone.now() - timedelta(days=7)
    waiting = Hire.objects.filter(status=HireStatus.REPORTED, created_at__lt=cutoff).count()
    if not waiting:
        return 0
    return notify_many(
        [
            Message(
                recipient=staff,
                kind="hires_waiting",
                context={"count": waiting, "url": reverse("employers:hire_queue")},
                dedupe_key=f"hires-waiting:{staff.pk}:{today.isoformat()}",
            )
            for staff in User.objects.filter(role=Role.STAFF, is_active=True)
        ]
    )
