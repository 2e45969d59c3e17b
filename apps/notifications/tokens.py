"""Signed one-click unsubscribe tokens: no login needed, tamper-proof, they expire."""

from django.conf import settings
from django.core import signing

SALT = "notifications.unsubscribe"


class InvalidToken(Exception):
    """The token was altered, or is too old."""


def make_token(*, user_id: int | None = None, category: str | None = None, email: str = "") -> str:
    payload = {"u": user_id, "c": category} if user_id else {"e": email.lower()}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str) -> dict:
    try:
        return signing.loads(token, salt=SALT, max_age=settings.UNSUBSCRIBE_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvalidToken("expired") from exc
    except signing.BadSignature as exc:
        raise InvalidToken("bad signature") from exc
