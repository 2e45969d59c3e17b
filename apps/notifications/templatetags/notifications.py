from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def notification_title(notification) -> str:
    """The notification's one-line title, in the viewer's language (its email subject)."""
    text = render_to_string(f"emails/{notification.kind}_subject.txt", notification.context)
    return " ".join(text.split())
