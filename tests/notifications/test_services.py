"""notify(): one row per dedupe key, enqueued only after commit, shaped by preferences."""

import pytest
from django.core.exceptions import ValidationError  # noqa: F401 - documents what is not raised
from django.db import transaction

from apps.notifications import services
from apps.notifications.models import Notification, Preference, Status, Suppression
from apps.notifications.services import Message, notify_many
from apps.notifications.tokens import InvalidToken, make_token
from tests.factories import UserFactory
from tests.notifications.helpers import approved, invitation

pytestmark = pytest.mark.django_db


def test_the_same_dedupe_key_makes_one_row_and_one_delivery(django_capture_on_commit_callbacks):
    user = UserFactory(preferred_language="es")
    with django_capture_on_commit_callbacks() as callbacks:
        first = approved(user)
        second = approved(user)
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(callbacks) == 1
    assert first.status == Status.PENDING
    assert first.language == "es" and first.email == user.email and first.category == "account"


def test_nothing_is_enqueued_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = UserFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        approved(user)
        raise RuntimeError("the news did not happen")
    assert callbacks == []
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "frequency,status,period",
    [
        ("instant", Status.PENDING, ""),
        ("daily", Status.DIGEST, "daily"),
        ("weekly", Status.DIGEST, "weekly"),
        ("off", Status.SKIPPED, ""),
    ],
)
def test_preferences_decide_how_email_goes(
    django_capture_on_commit_callbacks, frequency, status, period
):
    user = UserFactory()
    services.set_preference(user=user, category="account", frequency=frequency)
    with django_capture_on_commit_callbacks() as callbacks:
        notification = approved(user)
    assert notification.status == status and notification.digest_period == period
    assert len(callbacks) == (1 if status == Status.PENDING else 0)


def test_defaults_per_category():
    assert services.preferences_for(UserFactory()) == {
        "account": "instant",
        "applications": "instant",
        "trainings": "instant",
        "job_matches": "daily",
        "referrals": "instant",
        "program_news": "weekly",
    }


def test_inactive_people_and_unsubscribed_addresses_are_not_emailed():
    inactive = UserFactory(is_active=False)
    assert approved(inactive).status == Status.SKIPPED
    Suppression.objects.create(email="gone@people.example")
    assert invitation("GONE@people.example").status == Status.SKIPPED


def test_unknown_kinds_and_missing_addresses_are_programming_errors():
    with pytest.raises(ValueError, match="Unknown notification kind"):
        services.notify(kind="nope", dedupe_key="x", email="a@b.example")
    with pytest.raises(ValueError, match="recipient or an email"):
        services.notify(kind="invitation", dedupe_key="x")


def test_notify_many_inserts_once_and_enqueues_in_batches(
    settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_BATCH_SIZE = 10
    users = UserFactory.create_batch(25)
    services.set_preference(user=users[0], category="account", frequency="off")
    messages = [
        Message(recipient=u, kind="organization_approved", dedupe_key=f"fan:{u.pk}", context={})
        for u in users
    ]
    with django_capture_on_commit_callbacks() as callbacks:
        assert notify_many(messages) == 25
    assert len(callbacks) == 3  # 24 pending rows in batches of 10
    assert Notification.objects.filter(status=Status.SKIPPED).count() == 1
    with django_capture_on_commit_callbacks() as callbacks:
        assert notify_many(messages) == 0  # conflicts ignored
    assert callbacks == []
    assert Notification.objects.count() == 25


def test_unsubscribe_token_turns_a_category_off():
    user = UserFactory()
    token = make_token(user_id=user.pk, category="program_news")
    assert services.unsubscribe(token) == {"user": user, "category": "program_news"}
    assert Preference.objects.get(user=user, category="program_news").frequency == "off"


def test_unsubscribe_token_for_an_address_without_account():
    services.unsubscribe(make_token(email="Someone@People.example"))
    assert Suppression.objects.filter(email="someone@people.example").exists()


def test_tampered_and_expired_tokens_change_nothing(settings):
    user = UserFactory()
    token = make_token(user_id=user.pk, category="program_news")
    with pytest.raises(InvalidToken):
        services.unsubscribe(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    settings.UNSUBSCRIBE_TOKEN_MAX_AGE = -1
    with pytest.raises(InvalidToken):
        services.unsubscribe(token)
    assert not Preference.objects.exists()


def test_marking_read_touches_only_your_own(personas):
    mine = approved(personas.seeker, key="mine")
    theirs = approved(personas.other_seeker, key="theirs")
    assert not services.mark_read(user=personas.seeker, notification_id=theirs.pk)
    assert services.mark_read(user=personas.seeker, notification_id=mine.pk)
    assert services.unread_count(personas.seeker) == 0
    assert services.unread_count(personas.other_seeker) == 1
    assert services.mark_all_read(user=personas.other_seeker) == 1


def test_retry_failed_requeues_only_failed_rows(django_capture_on_commit_callbacks):
    user = UserFactory()
    failed = approved(user, key="a")
    sent = approved(user, key="b")
    Notification.objects.filter(pk=failed.pk).update(status="failed", attempts=6)
    Notification.objects.filter(pk=sent.pk).update(status="sent")
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.retry_failed() == 1
    assert len(callbacks) == 1
    failed.refresh_from_db()
    assert failed.status == "pending" and failed.attempts == 0
