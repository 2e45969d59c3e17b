from apps.notifications.models import Notification
from apps.notifications.tokens import make_token

from .rules import PUBLIC, SIGNED_IN, Rule

# The inbox is everyone's own; rows of others answer 404 (tests/notifications/test_views.py).
RULES = {
    "notifications:inbox": Rule(SIGNED_IN),
    "notifications:mark_read": Rule(SIGNED_IN, methods=("POST",), kwargs="own_notification"),
    "notifications:open": Rule(SIGNED_IN, methods=("POST",), kwargs="own_notification"),
    "notifications:mark_all_read": Rule(SIGNED_IN, methods=("POST",)),
    "notifications:preferences": Rule(SIGNED_IN),
    "unsubscribe": Rule(PUBLIC, kwargs="unsubscribe_token", notes="token is key"),
}


def _notification(user, status="sent"):
    return Notification.objects.create(
        recipient=user,
        email=user.email,
        kind="organization_approved",
        category="account",
        context={"organization_name": "X", "url": "/dashboard/"},
        dedupe_key=f"access-sweep:{user.pk}:{status}",
        status=status,
    )


def samples(personas):
    return {
        "own_notification": {"pk": _notification(personas.seeker).pk},
        "unsubscribe_token": {
            "token": make_token(user_id=personas.seeker.pk, category="program_news")
        },
    }
