"""Render and send an email in the recipient's language.

Each message is three templates under templates/emails/: `<name>_subject.txt`,
`<name>.txt` and `<name>.html`. The notifications outbox (a later issue) takes
over delivery; rendering stays here.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str]:
    with translation.override(language):
        context = {"portal_name": settings.PORTAL_NAME, "language": language, **context}
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        subject = " ".join(subject.split())
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    return subject, text, html


def send_email(*, to: str, template: str, context: dict, language: str) -> None:
    subject, text, html = render_email(template, context, language)
    message = EmailMultiAlternatives(
        subject=f"[{settings.PORTAL_NAME}] {subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def absolute_url(path: str) -> str:
    """A full link for an email, from SITE_URL (emails leave the request behind)."""
    return settings.SITE_URL.rstrip("/") + path
