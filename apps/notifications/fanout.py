"""`notify_query()`: the set-based twin of `notify_many()`, for fan-outs of any size.

The caller gives a SELECT that yields one row per message, with the columns `user_id`,
`dedupe_key` and `context` (jsonb). One INSERT … SELECT creates every notification with
each person's email, language and status for the kind's category (pending, a digest, or
skipped, exactly as `notify()` decides), ignoring dedupe keys that already exist; the new
pending rows go to the outbox after commit. A rerun, a retry or a concurrent twin creates
nothing twice: the unique dedupe key settles it in the database.
"""

from django.contrib.auth import get_user_model
from django.db import connection

from .kinds import DEFAULT_FREQUENCY, Frequency, get_kind
from .models import Notification, Preference, Status, Suppression
from .services import _enqueue_after_commit


def notify_query(*, kind: str, select_sql: str, params: dict) -> int:
    """Insert a notification of `kind` per row of `select_sql` (named %(params)s).

    Returns how many were new. Call it inside the transaction that made the news.
    """
    category = get_kind(kind).category
    user_table = get_user_model()._meta.db_table
    sql = f"""
        WITH messages AS ({select_sql}),
        people AS (
            SELECT m.user_id, m.dedupe_key, m.context, u.email, u.preferred_language,
                   CASE
                     WHEN NOT u.is_active OR s.id IS NOT NULL THEN %(off)s
                     ELSE COALESCE(p.frequency, %(default_frequency)s)
                   END AS frequency
            FROM messages m
            JOIN {user_table} u ON u.id = m.user_id
            LEFT JOIN {Preference._meta.db_table} p
                   ON p.user_id = u.id AND p.category = %(category)s
            LEFT JOIN {Suppression._meta.db_table} s ON lower(s.email) = lower(u.email)
        )
        INSERT INTO {Notification._meta.db_table}
            (recipient_id, email, language, kind, category, context, dedupe_key, status,
             attempts, last_error, digest_period, created_at)
        SELECT user_id, email, preferred_language, %(kind)s, %(category)s, context, dedupe_key,
               CASE frequency
                 WHEN %(off)s THEN %(skipped)s
                 WHEN %(daily)s THEN %(digest)s
                 WHEN %(weekly)s THEN %(digest)s
                 ELSE %(pending)s
               END,
               0, '',
               CASE WHEN frequency IN (%(daily)s, %(weekly)s) THEN frequency ELSE '' END,
               now()
        FROM people
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id, status
    """
    values = {
        **params,
        "kind": kind,
        "category": category,
        "default_frequency": str(DEFAULT_FREQUENCY[category]),
        "off": str(Frequency.OFF),
        "daily": str(Frequency.DAILY),
        "weekly": str(Frequency.WEEKLY),
        "skipped": str(Status.SKIPPED),
        "digest": str(Status.DIGEST),
        "pending": str(Status.PENDING),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    _enqueue_after_commit(sorted(pk for pk, status in rows if status == Status.PENDING))
    return len(rows)
