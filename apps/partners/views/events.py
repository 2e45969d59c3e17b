"""Events: the public page and calendar files, RSVPs, organizers' pages, the staff queue."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import role_required, staff_required
from apps.core.forms import first_error

from .. import calendar
from ..forms import EventFilterForm, EventForm, ReviewForm
from ..models import Event, RSVPStatus
from ..permissions import (
    approved_organizer_required,
    can_post_events,
    organized_event,
    organizer_required,
    organizer_scope,
)
from ..selectors import (
    organizer_events,
    public_events,
    review_queue,
    rsvp_of,
    rsvps_of_event,
    seats_taken,
)
from ..services import events as services


def event_list(request):
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = public_events(kind=filters.get("kind", ""), language=filters.get("language", ""))
    return render(request, "partners/events.html", {"form": form, "events": events[:200]})


def _public_event(pk):
    return get_object_or_404(Event.objects.published().select_related("organization"), pk=pk)


def event_detail(request, pk):
    event = _public_event(pk)
    return render(
        request,
        "partners/event.html",
        {
            "event": event,
            "rsvp": rsvp_of(event, request.user),
            "seats_left": max(event.capacity - seats_taken(event), 0),
        },
    )


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, pk):
    event = _public_event(pk)
    return _ics_response(calendar.event_calendar([event], request), f"event-{event.pk}.ics")


def feed(request):
    events = public_events(include_past=False)[:500]
    response = HttpResponse(
        calendar.event_calendar(events, request), content_type="text/calendar; charset=utf-8"
    )
    return response


@require_POST
@role_required(Role.SEEKER)
def rsvp(request, pk):
    event = _public_event(pk)
    try:
        seat = services.rsvp(event=event, user=request.user)
    except ValidationError as exc:
        messages.error(request, first_error(exc))
    else:
        if seat.status == RSVPStatus.GOING:
            messages.success(request, _("You have a seat. We will remind you the day before."))
        else:
            messages.info(
                request,
                _(
                    "The event is full: you are on the waitlist. "
                    "We will email you if a seat opens up."
                ),
            )
    return redirect("partners:event", pk=event.pk)


@require_POST
@role_required(Role.SEEKER)
def cancel(request, pk):
    event = get_object_or_404(Event, pk=pk)
    services.cancel_rsvp(event=event, user=request.user)
    messages.success(request, _("Your RSVP is cancelled."))
    return (
        redirect("partners:event", pk=event.pk)
        if event.status == "published"
        else redirect("partners:events")
    )


@organizer_required
def organizer_list(request):
    return render(
        request,
        "partners/organizer_events.html",
        {
            "events": organizer_events(organizer_scope(request.user)),
            "can_post": can_post_events(request.user),
        },
    )


@organizer_required
def event_create(request):
    can_post = can_post_events(request.user)
    form = EventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not can_post:
        messages.error(request, _("Your organization can post events once it is approved."))
        return redirect("partners:organizer_events")
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, first_error(exc))
        else:
            if event.status == "published":
                messages.success(request, _("The event is published."))
            else:
                messages.success(
                    request, _("Thank you. Staff will review the event before it is published.")
                )
            return redirect("partners:event_rsvps", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "partners/event_form.html", {"form": form, "can_post": can_post}, status=status
    )


@organizer_required
def event_edit(request, pk):
    event = organized_event(request.user, pk)
    form = EventForm(request.POST if request.method == "POST" else None, instance=event)
    if request.method == "POST" and form.is_valid():
        services.update_event(event=event, user=request.user, data=form.cleaned_data)
        messages.success(request, _("The event is saved."))
        return redirect("partners:event_rsvps", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "partners/event_form.html",
        {"form": form, "event": event, "can_post": True},
        status=status,
    )


@approved_organizer_required
def event_rsvps(request, pk):
    event = organized_event(request.user, pk)
    if request.method == "POST":
        attended = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
        services.mark_attendance(event=event, attended_ids=attended)
        messages.success(request, _("Attendance saved."))
        return redirect("partners:event_rsvps", pk=event.pk)
    return render(
        request, "partners/event_rsvps.html", {"event": event, "rsvps": rsvps_of_event(event)}
    )


@approved_organizer_required
def event_rsvps_csv(request, pk):
    event = organized_event(request.user, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rsvps-{event.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Email address"), _("Status"), _("RSVP date"), _("Attended")])
    for seat in rsvps_of_event(event):
        attended = "" if seat.attended is None else (_("Yes") if seat.attended else _("No"))
        writer.writerow(
            [
                seat.user.get_full_name(),
                seat.user.email,
                seat.get_status_display(),
                seat.created_at.date().isoformat(),
                attended,
            ]
        )
    return response


@staff_required
def queue(request):
    return _queue_response(request)


def _queue_response(request, *, refused=None, status: int = 200):
    """`refused`: {"pk", "note", "error"} of a decision the portal refused, shown on that
    event's card with the note kept (the page answers 4xx)."""
    context = {"events": review_queue(), "refused": refused}
    return render(request, "partners/event_queue.html", context, status=status)


@require_POST
@staff_required
def review(request, pk):
    event = get_object_or_404(Event, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_event(
                event=event,
                reviewer=request.user,
                publish=form.cleaned_data["decision"] == "publish",
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            error = first_error(exc)
        else:
            messages.success(request, _("Review saved."))
            return redirect("partners:event_queue")
    elif "note" in form.errors:
        error = form.errors["note"][0]
    else:
        error = _("Choose to publish the event or send it back.")
    # At the top too: an event someone else has just reviewed has left the queue.
    messages.error(request, _("%(name)s: %(error)s") % {"name": event.title, "error": error})
    refused = {"pk": event.pk, "note": request.POST.get("note", ""), "error": error}
    return _queue_response(request, refused=refused, status=400)
