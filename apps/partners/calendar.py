"""iCalendar files for events (the `icalendar` library; times in UTC, RFC 5545)."""

from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as ICalEvent


def event_calendar(events, request) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Reboot El Paso//TechHire events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Reboot El Paso")
    for event in events:
        item = ICalEvent()
        item.add("uid", f"event-{event.pk}@rebootelpaso")
        item.add("summary", event.title)
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("dtstamp", event.updated_at)
        item.add("description", event.description)
        item.add("location", event.place or event.online_url)
        item.add("url", request.build_absolute_uri(reverse("partners:event", args=[event.pk])))
        cal.add_component(item)
    return cal.to_ical()
