"""send_on_commit: a signal sent once the transaction commits, never for a rollback.

Real transactions here (transaction=True): the test database commits for real."""

import pytest
from django.db import transaction
from django.dispatch import Signal

from apps.core.events import send_on_commit
from apps.skills.models import SkillCategory

something_happened = Signal()


@pytest.fixture
def heard():
    calls = []

    def listener(sender, **kwargs):
        calls.append((sender, kwargs["thing_id"]))

    something_happened.connect(listener)
    yield calls
    something_happened.disconnect(listener)


@pytest.mark.django_db(transaction=True)
def test_sent_after_commit_not_before(heard):
    with transaction.atomic():
        send_on_commit(something_happened, sender=SkillCategory, thing_id=1)
        assert heard == []
    assert heard == [(SkillCategory, 1)]


@pytest.mark.django_db(transaction=True)
def test_never_sent_for_a_rollback(heard):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_on_commit(something_happened, sender=SkillCategory, thing_id=2)
        raise RuntimeError("rolled back")
    assert heard == []


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_drops_only_its_own_events(heard):
    with transaction.atomic():
        send_on_commit(something_happened, sender=SkillCategory, thing_id=3)
        with pytest.raises(RuntimeError), transaction.atomic():
            send_on_commit(something_happened, sender=SkillCategory, thing_id=4)
            raise RuntimeError("inner rolled back")
    assert heard == [(SkillCategory, 3)]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_is_sent_at_once(heard):
    send_on_commit(something_happened, sender=SkillCategory, thing_id=5)
    assert heard == [(SkillCategory, 5)]
