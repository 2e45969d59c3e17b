"""The inbox, email choices and one-click unsubscribe."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from apps.core.i18n import localized
from apps.notifications.models import Notification, Preference, Status, Suppression
from apps.notifications.tokens import make_token
from tests.notifications.helpers import approved

pytestmark = pytest.mark.django_db


def test_inbox_shows_your_notifications_with_an_unread_count(client, personas):
    approved(personas.seeker, key="a")
    approved(personas.seeker, key="b")
    approved(personas.other_seeker, key="c")
    client.force_login(personas.seeker)
    response = client.get(reverse("notifications:inbox"))
    html = response.content.decode()
    assert html.count("Desert Data is approved") == 2
    assert 'data-testid="unread-count">2<' in html


def test_empty_inbox_says_what_will_appear(client, personas):
    client.force_login(personas.seeker)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert "Nothing here yet" in html
    assert 'data-testid="unread-count"' not in html


def test_inbox_is_paginated_with_constant_queries(client, personas, django_assert_max_num_queries):
    for i in range(45):
        approved(personas.seeker, key=f"n{i}")
    client.force_login(personas.seeker)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notifications:inbox"), {"page": 3})
    assert response.content.decode().count("Desert Data is approved") == 5


def test_mark_read_without_javascript(client, personas):
    notification = approved(personas.seeker)
    client.force_login(personas.seeker)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_with_htmx_returns_the_item(client, personas):
    notification = approved(personas.seeker)
    client.force_login(personas.seeker)
    response = client.post(
        reverse("notifications:mark_read", args=[notification.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith("<li") and f'id="notification-{notification.pk}"' in html
    assert "Mark as read" not in html


def test_opening_marks_read_and_follows_the_link(client, personas):
    notification = approved(personas.seeker)
    client.force_login(personas.seeker)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == "/en/dashboard/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    # Opened from the Spanish inbox, it leads to the Spanish page.
    response = client.post(localized(reverse("notifications:open", args=[notification.pk]), "es"))
    assert response["Location"] == "/es/dashboard/"


def test_an_offsite_link_in_a_notification_is_not_followed(client, personas):
    notification = approved(personas.seeker)
    Notification.objects.filter(pk=notification.pk).update(context={"url": "https://evil.example"})
    client.force_login(personas.seeker)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("name", ["notifications:mark_read", "notifications:open"])
def test_someone_elses_notification_answers_404(client, personas, name):
    theirs = approved(personas.other_seeker)
    client.force_login(personas.seeker)
    assert client.post(reverse(name, args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read(client, personas):
    approved(personas.seeker, key="a")
    approved(personas.seeker, key="b")
    client.force_login(personas.seeker)
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=personas.seeker, read_at=None).exists()


def test_preferences_are_saved(client, personas):
    client.force_login(personas.seeker)
    data = {
        "account": "instant",
        "applications": "daily",
        "trainings": "weekly",
        "job_matches": "off",
        "program_news": "off",
    }
    response = client.post(reverse("notifications:preferences"), {**data, "referrals": "off"})
    assert response.status_code == 302
    saved = dict(
        Preference.objects.filter(user=personas.seeker).values_list("category", "frequency")
    )
    assert saved == data  # referrals are not a seeker's business: nothing stored


@pytest.mark.parametrize(
    "persona,shown,hidden",
    [
        ("seeker", ["Job applications", "Jobs and trainings that match you"], ["Referrals"]),
        ("employer", ["Job applications"], ["Referrals", "Jobs and trainings that match you"]),
        ("provider", ["Trainings and enrollments"], ["Referrals", "Job applications"]),
        ("partner", ["Referrals"], ["Job applications", "Trainings and enrollments"]),
        ("staff", ["Referrals", "Job applications", "Trainings and enrollments"], []),
    ],
)
def test_each_role_chooses_among_the_categories_it_hears_about(
    client, personas, persona, shown, hidden
):
    client.force_login(getattr(personas, persona))
    html = client.get(reverse("notifications:preferences")).content.decode()
    legends = re.findall(r'<legend class="usa-legend">([^<*]+)', html)
    legends = [legend.strip() for legend in legends]
    assert set(shown) <= set(legends)
    assert not set(hidden) & set(legends)


def test_bad_preferences_are_400_and_save_nothing(client, personas):
    client.force_login(personas.seeker)
    response = client.post(
        reverse("notifications:preferences"), {"account": "hourly", "applications": "daily"}
    )
    assert response.status_code == 400
    assert "Choose how you want to hear about this." in response.content.decode()
    assert not Preference.objects.exists()


def test_unsubscribe_link_asks_before_it_acts(client, personas):
    token = make_token(user_id=personas.seeker.pk, category="program_news")
    url = reverse("unsubscribe", args=[token])
    response = client.get(url)
    assert response.status_code == 200
    assert "Program news and events" in response.content.decode()
    assert not Preference.objects.exists()  # link scanners must not unsubscribe anyone
    head = client.head(url)  # what link checkers send
    assert head.status_code == 200 and not head.content
    assert not Preference.objects.exists()


def test_one_click_unsubscribe_needs_no_login_and_no_csrf_token(personas):
    token = make_token(user_id=personas.seeker.pk, category="program_news")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("unsubscribe", args=[token]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert Preference.objects.get(user=personas.seeker, category="program_news").frequency == "off"
    # Later messages of that category are not emailed, but still reach the inbox.
    from apps.notifications.services import notify

    notification = notify(
        recipient=personas.seeker,
        kind="organization_approved",
        context={},
        dedupe_key="after",
    )
    assert notification.category == "account"  # another category: still emailed
    assert notification.status == Status.PENDING


def test_address_unsubscribe(client):
    token = make_token(email="someone@people.example")
    response = client.post(reverse("unsubscribe", args=[token]))
    assert response.status_code == 200
    assert Suppression.objects.filter(email="someone@people.example").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_gets_a_clear_page_and_changes_nothing(client, personas, method):
    token = make_token(user_id=personas.seeker.pk, category="program_news")
    tampered = token.replace(token[5], "x" if token[5] != "x" else "y", 1)
    response = getattr(client, method)(reverse("unsubscribe", args=[tampered]))
    assert response.status_code == 400
    assert "This unsubscribe link does not work" in response.content.decode()
    assert not Preference.objects.exists()


def test_an_expired_link_gets_a_clear_page(client, personas, settings):
    token = make_token(user_id=personas.seeker.pk, category="program_news")
    settings.UNSUBSCRIBE_TOKEN_MAX_AGE = -1
    response = client.post(reverse("unsubscribe", args=[token]))
    assert response.status_code == 400
    assert not Preference.objects.exists()
