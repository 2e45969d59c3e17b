"""Events: review, RSVP with capacity and waitlist (a real race), reminders, calendar files."""

import datetime
import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.urls import reverse
from icalendar import Calendar

from apps.accounts.models import Role
from apps.core.i18n import localized
from apps.notifications.models import Notification
from apps.partners.models import RSVP, Event, EventStatus, RSVPStatus
from apps.partners.services import events as services
from tests.factories import UserFactory
from tests.factories.partners import EventFactory, RSVPFactory, tomorrow_at
from tests.form_messages import assert_fields_say

FORM = {
    "title": "Hiring fair downtown",
    "kind": "hiring_fair",
    "description": "Meet ten employers hiring for IT support.",
    "starts_at": "2030-03-02T10:00",
    "ends_at": "2030-03-02T14:00",
    "place": "El Paso Convention Center",
    "online_url": "",
    "capacity": "50",
    "language": "es",
}


@pytest.mark.django_db
def test_an_organization_posts_an_event_and_staff_publish_it(client, personas):
    client.force_login(personas.partner)
    response = client.post(reverse("partners:event_create"), FORM)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == EventStatus.PENDING
    assert event.organization == personas.orgs.partner
    # Mountain Time: 10:00 in March 2030 is 17:00 UTC (MST, UTC-7).
    assert event.starts_at.astimezone(datetime.UTC).hour == 17
    assert client.get(reverse("partners:event", args=[event.pk])).status_code == 404
    client.force_login(personas.staff)
    assert "Hiring fair downtown" in client.get(reverse("partners:event_queue")).content.decode()
    client.post(reverse("partners:event_review", args=[event.pk]), {"decision": "publish"})
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    client.logout()
    assert "Hiring fair downtown" in client.get(reverse("partners:events")).content.decode()


@pytest.mark.django_db
def test_sending_back_needs_a_note(personas):
    event = EventFactory(organization=personas.orgs.partner, status=EventStatus.PENDING)
    with pytest.raises(ValidationError):
        services.review_event(event=event, reviewer=personas.staff, publish=False, note=" ")
    services.review_event(event=event, reviewer=personas.staff, publish=False, note="Add a room.")
    event.refresh_from_db()
    assert event.status == EventStatus.SENT_BACK


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose to publish the event or send it back."),
        ({"decision": "maybe"}, "Choose to publish the event or send it back."),
        ({"decision": "send_back", "note": " "}, "Say what should change before sending"),
        ({"decision": "send_back", "note": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_a_refused_event_review_is_a_400_on_the_queue_and_changes_nothing(
    client, personas, data, message
):
    event = EventFactory(
        title="Cloud meetup", organization=personas.orgs.partner, status=EventStatus.PENDING
    )
    client.force_login(personas.staff)
    response = client.post(reverse("partners:event_review", args=[event.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'id="note-{event.pk}-error"' in page  # on the event's own card
    assert "Cloud meetup:" in page
    event.refresh_from_db()
    assert event.status == EventStatus.PENDING


@pytest.mark.django_db
def test_a_refused_send_back_keeps_the_note_typed(client, personas):
    event = EventFactory(organization=personas.orgs.partner, status=EventStatus.PENDING)
    client.force_login(personas.staff)
    response = client.post(
        reverse("partners:event_review", args=[event.pk]), {"note": "Add a room number."}
    )
    assert response.status_code == 400
    assert "Add a room number.</textarea>" in response.content.decode()


@pytest.mark.django_db
def test_a_bad_event_form_is_a_400_and_saves_nothing(client, personas):
    client.force_login(personas.partner)
    bad = {**FORM, "ends_at": "2030-03-02T09:00", "place": ""}
    response = client.post(reverse("partners:event_create"), bad)
    assert response.status_code == 400
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_staff_events_publish_at_once(client, personas):
    client.force_login(personas.staff)
    client.post(reverse("partners:event_create"), FORM)
    event = Event.objects.get()
    assert event.organization is None
    assert event.status == EventStatus.PUBLISHED


@pytest.mark.django_db
def test_filters_on_the_public_page(client, personas):
    EventFactory(title="English workshop", kind="workshop", language="en")
    EventFactory(title="Feria de empleo", kind="hiring_fair", language="es")
    html = client.get(reverse("partners:events"), {"language": "es"}).content.decode()
    assert "Feria de empleo" in html
    assert "English workshop" not in html
    html = client.get(reverse("partners:events"), {"kind": "workshop"}).content.decode()
    assert "English workshop" in html
    assert "Feria de empleo" not in html


@pytest.mark.django_db
def test_rsvp_waitlist_and_promotion_on_cancellation(client, personas):
    event = EventFactory(capacity=1)
    first, second = personas.seeker, personas.other_seeker
    client.force_login(first)
    client.post(reverse("partners:rsvp", args=[event.pk]))
    client.force_login(second)
    client.post(reverse("partners:rsvp", args=[event.pk]))
    assert RSVP.objects.get(user=first).status == RSVPStatus.GOING
    assert RSVP.objects.get(user=second).status == RSVPStatus.WAITLIST
    client.force_login(first)
    response = client.post(reverse("partners:rsvp_cancel", args=[event.pk]))
    assert response.status_code == 302
    assert RSVP.objects.get(user=first).status == RSVPStatus.CANCELLED
    assert RSVP.objects.get(user=second).status == RSVPStatus.GOING
    assert Notification.objects.filter(kind="event_seat", recipient=second).count() == 1


@pytest.mark.django_db
def test_cancel_needs_a_post(client, personas):
    event = EventFactory()
    client.force_login(personas.seeker)
    assert client.get(reverse("partners:rsvp_cancel", args=[event.pk])).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_the_last_seat_one_gets_it():
    """Two real transactions: A holds the event row and takes the last seat; B must wait
    for A's commit and then land on the waitlist (without the lock both would get a seat)."""
    event = EventFactory(capacity=1)
    a = UserFactory(email="a@people.example", role=Role.SEEKER)
    b = UserFactory(email="b@people.example", role=Role.SEEKER)
    a_inserted, go_commit = threading.Event(), threading.Event()
    outcome = {}

    def person_a():
        try:
            with transaction.atomic():
                outcome["a"] = services.rsvp(event=event, user=a).status
                a_inserted.set()
                go_commit.wait(timeout=10)
        finally:
            connection.close()

    def person_b():
        try:
            a_inserted.wait(timeout=10)
            outcome["b"] = services.rsvp(event=event, user=b).status
        finally:
            connection.close()

    threads = [threading.Thread(target=person_a), threading.Thread(target=person_b)]
    for thread in threads:
        thread.start()
    a_inserted.wait(timeout=10)
    deadline = time.monotonic() + 3
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                break
            time.sleep(0.05)
    go_commit.set()
    for thread in threads:
        thread.join(timeout=15)
    assert outcome == {"a": RSVPStatus.GOING, "b": RSVPStatus.WAITLIST}
    assert RSVP.objects.filter(event=event, status=RSVPStatus.GOING).count() == 1


@pytest.mark.django_db
def test_reminders_go_the_day_before_once(personas):
    tomorrow = EventFactory(starts_at=tomorrow_at(18))
    later = EventFactory(starts_at=tomorrow_at(10) + timedelta(days=3))
    going = RSVPFactory(event=tomorrow, user=personas.seeker)
    RSVPFactory(event=tomorrow, user=personas.other_seeker, status=RSVPStatus.WAITLIST)
    RSVPFactory(event=later, user=personas.seeker)
    assert services.send_reminders() == 1
    services.send_reminders()
    reminders = Notification.objects.filter(kind="event_reminder")
    assert reminders.count() == 1
    assert reminders.get().recipient == going.user


@pytest.mark.django_db
def test_calendar_file_and_feed(client, personas):
    event = EventFactory(title="Python meetup")
    EventFactory(title="Not yet reviewed", status=EventStatus.PENDING)
    response = client.get(reverse("event_ics", args=[event.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (item,) = calendar.walk("VEVENT")
    assert str(item["summary"]) == "Python meetup"
    assert item.decoded("dtstart") == event.starts_at
    feed = Calendar.from_ical(client.get(reverse("events_feed")).content)
    titles = [str(e["summary"]) for e in feed.walk("VEVENT")]
    assert titles == ["Python meetup"]


@pytest.mark.django_db
def test_organizer_sees_rsvps_exports_and_marks_attendance(client, personas):
    event = EventFactory(organization=personas.orgs.partner)
    seat = RSVPFactory(event=event, user=personas.seeker)
    other = RSVPFactory(event=event, user=personas.other_seeker)
    client.force_login(personas.partner)
    assert (
        personas.seeker.email
        in client.get(reverse("partners:event_rsvps", args=[event.pk])).content.decode()
    )
    csv_text = client.get(reverse("partners:event_rsvps_csv", args=[event.pk])).content.decode()
    assert personas.seeker.email in csv_text
    client.post(reverse("partners:event_rsvps", args=[event.pk]), {"attended": [str(seat.pk)]})
    seat.refresh_from_db()
    other.refresh_from_db()
    assert seat.attended is True
    assert other.attended is False


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["event_rsvps", "event_rsvps_csv", "event_edit"])
def test_organizer_pages_are_scoped(client, personas, name):
    event = EventFactory(organization=personas.orgs.partner, title="Secret Title Here")
    RSVPFactory(event=event, user=personas.seeker)
    url = reverse(f"partners:{name}", args=[event.pk])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(personas.seeker)
    assert client.get(url).status_code == 403
    for outsider in [personas.other_partner, personas.employer, personas.staff]:
        client.force_login(outsider)
        response = client.get(url)
        assert response.status_code == 404, outsider
        assert personas.seeker.email not in response.content.decode()
    client.force_login(personas.partner)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,messages",
    [
        (
            "en",
            {
                "title": "Give the event a title.",
                "kind": "Choose the kind of event.",
                "description": "Describe the event: what happens and who it is for.",
                "starts_at": "Enter the day and time the event starts.",
                "ends_at": "Enter the day and time the event ends.",
                "capacity": "Enter how many people can come.",
                "language": "Choose the language the event is held in.",
            },
        ),
        (
            "es",
            {
                "title": "Escriba el título del evento.",
                "starts_at": "Escriba el día y la hora en que empieza el evento.",
                "capacity": "Escriba cuántas personas pueden asistir.",
            },
        ),
    ],
)
def test_an_empty_event_form_says_what_each_field_needs(client, personas, language, messages):
    client.force_login(personas.partner)
    response = client.post(localized(reverse("partners:event_create"), language), {})
    assert_fields_say(response, messages)
    assert not Event.objects.exists()
