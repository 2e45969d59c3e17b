from django import forms, template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from apps.core import numbers

register = template.Library()

_INPUT_CLASS = {
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    # A native file input: USWDS' scripted drop zone writes English-only instructions.
    forms.FileInput: "portal-file-input",
}


@register.simple_tag
def uswds_widget(bound_field):
    """Render a field's widget with the USWDS class for its kind and error state."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return bound_field.as_widget()
    css = next((c for cls, c in _INPUT_CLASS.items() if isinstance(widget, cls)), "usa-input")
    if bound_field.errors:
        css += " usa-input--error"
    attrs = {"class": css}
    if bound_field.help_text:
        attrs["aria-describedby"] = f"{bound_field.auto_id}-hint"
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def widget_kind(bound_field) -> str:
    widget = bound_field.field.widget
    # CheckboxSelectMultiple subclasses RadioSelect: ask about it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.filter
def isodate(value):
    """A date stored as ISO text (e.g. in a notification's JSON context) as a date."""
    from django.utils.dateparse import parse_date, parse_datetime

    if not value:
        return None
    return parse_datetime(value) or parse_date(value)


@register.filter(name="money")
def money_filter(amount, cents: str = "auto") -> str:
    """{{ job.pay_min|money }} → "$48,000"; {{ cost|money:"never" }} rounds to dollars."""
    return numbers.money(amount, cents=cents)


@register.filter(name="number")
def number_filter(value) -> str:
    """{{ count|number }} → "1,000" in both languages."""
    return numbers.number(value)


@register.filter
def select_options(bound_field) -> str:
    """A <select>'s <option>s built in Python, the current value selected: a filter with
    hundreds of choices (every skill) costs a template loop milliseconds on each page. A
    field may carry them rendered already (`options_html`, core.forms.options_html)."""
    chosen = "" if bound_field.value() is None else str(bound_field.value())
    rendered = getattr(bound_field.field, "options_html", None)
    if rendered is not None:
        option = f'<option value="{escape(chosen)}">'
        return mark_safe(  # noqa: S308 - rendered escaped by options_html
            rendered.replace(option, option[:-1] + " selected>", 1)
        )
    return mark_safe(  # noqa: S308 - every value and label is escaped here
        "".join(
            f'<option value="{escape(value)}"{" selected" if str(value) == chosen else ""}>'
            f"{escape(label)}</option>"
            for value, label in bound_field.field.choices
        )
    )


# ---------------------------------------------------------------------------
# Status tags: one tag for every model's status, one colour per status everywhere
# ---------------------------------------------------------------------------
# A tone says where a row stands, whatever the model: done, waiting on someone, moving along,
# stopped by a decision, or out of play. The same status word has the same tone on every page.
TONE_CLASSES = {
    "done": "bg-success-darker",  # green
    "waiting": "bg-accent-warm-darker",  # gold: someone has to act
    "moving": "bg-primary-darker",  # blue: under way
    "stopped": "bg-secondary-darker",  # red: a decision against
    "inactive": "bg-base-darker",  # grey: no longer in play
}
STATUS_TONES = {
    # done
    "published": "done",
    "approved": "done",
    "verified": "done",
    "hired": "done",
    "completed": "done",
    # waiting
    "pending": "waiting",
    "reported": "waiting",
    "submitted": "waiting",
    "applied": "waiting",
    # moving
    "reviewing": "moving",
    "interview": "moving",
    "offer": "moving",
    "accepted": "moving",
    "enrolled": "moving",
    # stopped
    "rejected": "stopped",
    "declined": "stopped",
    # inactive
    "draft": "inactive",
    "closed": "inactive",
    "archived": "inactive",
    "withdrawn": "inactive",
    "expired": "inactive",
}


def status_tone(status: str) -> str:
    """The tone of a status value (KeyError for a status nobody gave a tone: tests catch it)."""
    return STATUS_TONES[status]


@register.simple_tag
def status_tag(obj):
    """`{% status_tag job %}`: a USWDS tag with the row's translated status label, coloured by
    its tone, `data-testid="<model>-status"`. A published job past its closing date reads
    "Expired"."""
    status, label = obj.status, obj.get_status_display()
    if status == "published" and getattr(obj, "closes_on", None) and not obj.is_open:
        status, label = "expired", gettext("Expired")
    return format_html(
        '<span class="usa-tag {}" data-testid="{}-status">{}</span>',
        TONE_CLASSES[status_tone(status)],
        obj._meta.model_name,
        label,
    )
