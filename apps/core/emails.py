"""Render an email in the recipient's language.

Each message is three templates under templates/emails/: `<name>_subject.txt`,
`<name>.txt` and `<name>.html`. Sending is the notifications outbox's job.
"""

from django.conf import settings
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


def absolute_url(path: str) -> str:
    """A full link for an email, from SITE_URL (emails leave the request behind)."""
    return settings.SITE_URL.rstrip("/") + path
