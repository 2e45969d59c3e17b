"""Sending already-rendered email from a worker, so no request waits on SMTP.

The notifications outbox (a later issue) will own delivery; until then account emails
(verification, password reset) are rendered in the request and sent here.
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

# Transient: connection refused/reset, SMTP server disconnected or busy (all OSError).
TRANSIENT_ERRORS = (OSError,)


@shared_task(
    name="core.send_rendered_email",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=settings.TASK_RETRY_BACKOFF_MAX,
    max_retries=6,
)
def send_rendered_email(
    *, subject: str, body: str, to: list[str], html: str | None = None, headers: dict | None = None
) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
