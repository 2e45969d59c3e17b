"""Events: post, review, RSVP with a capacity and a waitlist, remind, mark attendance."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Role, User
from apps.accounts.selectors import membership_for
from apps.notifications.services import notify

from ..models import RSVP, Event, EventStatus, RSVPStatus

EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "capacity",
    "language",
)


@transaction.atomic
def create_event(*, user: User, data: dict) -> Event:
    """Staff events are the board's and publish at once; an organization's wait for review."""
    if user.role == Role.STAFF:
        organization, status = None, EventStatus.PUBLISHED
    else:
        membership = membership_for(user)
        if membership is None or not membership.organization.can_publish:
            raise ValidationError(_("Only approved organizations can post events."))
        organization, status = membership.organization, EventStatus.PENDING
    values = {field: data[field] for field in EVENT_FIELDS}
    return Event.objects.create(organization=organization, created_by=user, status=status, **values)


@transaction.atomic
def update_event(*, event: Event, user: User, data: dict) -> Event:
    """An organization's change goes back to the review queue."""
    for field in EVENT_FIELDS:
        setattr(event, field, data[field])
    if event.organization_id is not None and event.status != EventStatus.CANCELLED:
        event.status = EventStatus.PENDING
    event.save()
    return event


@transaction.atomic
def review_event(*, event: Event, reviewer: User, publish: bool, note: str = "") -> Event:
    if not publish and not note.strip():
        raise ValidationError(_("Say what should change before sending an event back."))
    updated = Event.objects.filter(pk=event.pk, status=EventStatus.PENDING).update(
        status=EventStatus.PUBLISHED if publish else EventStatus.SENT_BACK,
        review_note="" if publish else note.strip(),
        reviewed_by=reviewer,
        updated_at=timezone.now(),
    )
    if updated != 1:
        raise ValidationError(_("Someone has already reviewed this event."))
    event.refresh_from_db()
    return event


@transaction.atomic
def rsvp(*, event: Event, user: User) -> RSVP:
    """A seat if one is free, else the waitlist. The event row is locked, so two people
    asking for the last seat at once are served one after the other."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.PUBLISHED or event.ends_at <= timezone.now():
        raise ValidationError(_("This event is not taking RSVPs."))
    existing = RSVP.objects.filter(event=event, user=user).first()
    if existing is not None and existing.status != RSVPStatus.CANCELLED:
        return existing
    going = RSVP.objects.filter(event=event, status=RSVPStatus.GOING).count()
    status = RSVPStatus.GOING if going < event.capacity else RSVPStatus.WAITLIST
    if existing is not None:
        # Back in line: a returning person queues after those already waiting.
        existing.status = status
        existing.created_at = timezone.now()
        existing.save(update_fields=["status", "created_at", "updated_at"])
        return existing
    return RSVP.objects.create(event=event, user=user, status=status)


@transaction.atomic
def cancel_rsvp(*, event: Event, user: User) -> RSVP | None:
    """Cancel; a freed seat goes to the first person on the waitlist (who is told)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    mine = RSVP.objects.filter(event=event, user=user).first()
    if mine is None or mine.status == RSVPStatus.CANCELLED:
        return mine
    freed = mine.status == RSVPStatus.GOING
    mine.status = RSVPStatus.CANCELLED
    mine.save(update_fields=["status", "updated_at"])
    if freed:
        promote_waitlist(event=event)
    return mine


def promote_waitlist(*, event: Event) -> list[RSVP]:
    """Fill free seats from the waitlist, first come first served (event row locked)."""
    promoted = []
    going = RSVP.objects.filter(event=event, status=RSVPStatus.GOING).count()
    free = event.capacity - going
    if free <= 0:
        return promoted
    for waiting in RSVP.objects.filter(event=event, status=RSVPStatus.WAITLIST).order_by(
        "created_at", "pk"
    )[:free]:
        waiting.status = RSVPStatus.GOING
        waiting.save(update_fields=["status", "updated_at"])
        notify(
            recipient=waiting.user,
            kind="event_seat",
            context=_event_context(event),
            dedupe_key=f"event_seat:{waiting.pk}:{waiting.updated_at.isoformat()}",
        )
        promoted.append(waiting)
    return promoted


@transaction.atomic
def mark_attendance(*, event: Event, attended_ids: set[int]) -> None:
    going = RSVP.objects.filter(event=event, status=RSVPStatus.GOING)
    going.filter(pk__in=attended_ids).update(attended=True, updated_at=timezone.now())
    going.exclude(pk__in=attended_ids).update(attended=False, updated_at=timezone.now())


def _event_context(event: Event) -> dict:
    return {
        "event_title": event.title,
        "host_name": event.host_name,
        "starts_at": timezone.localtime(event.starts_at).isoformat(),
        "place": event.place,
        "online_url": event.online_url,
        "url": reverse("partners:event", kwargs={"pk": event.pk}),
    }


def send_reminders(*, now=None) -> int:
    """Remind everyone going to an event that starts tomorrow (America/Denver); once each."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    sent = 0
    events = Event.objects.published().filter(starts_at__date=tomorrow)
    for event in events:
        context = _event_context(event)
        for seat in RSVP.objects.filter(event=event, status=RSVPStatus.GOING).select_related(
            "user"
        ):
            with transaction.atomic():
                notify(
                    recipient=seat.user,
                    kind="event_reminder",
                    context=context,
                    dedupe_key=f"event_reminder:{seat.pk}:{tomorrow.isoformat()}",
                )
            sent += 1
    return sent
