from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def sending_lease_outlasts_tasks(app_configs=None, **kwargs):
    """A claim may be taken over only once its worker can no longer be sending."""
    lease, limit = settings.NOTIFICATION_SENDING_LEASE, settings.CELERY_TASK_TIME_LIMIT
    if lease <= limit:
        return [
            checks.Error(
                f"NOTIFICATION_SENDING_LEASE ({lease}s) must exceed CELERY_TASK_TIME_LIMIT "
                f"({limit}s), or a slow worker's messages could be sent twice.",
                id="notifications.E001",
            )
        ]
    return []


@checks.register(checks.Tags.compatibility)
def send_rate_is_a_rate(app_configs=None, **kwargs):
    if settings.NOTIFICATION_MAX_RATE < 0 or settings.NOTIFICATION_THROTTLE_PAUSE < 0:
        return [
            checks.Error(
                "NOTIFICATION_MAX_RATE and NOTIFICATION_THROTTLE_PAUSE can't be negative "
                "(a rate of 0 means no cap).",
                id="notifications.E002",
            )
        ]
    return []
