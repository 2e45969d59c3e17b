from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.html import escape


class USWDSFormRenderer(TemplatesSetting):
    """Renders every Django form (ours and allauth's) with USWDS markup.

    Templates: templates/forms/form.html and templates/forms/field.html; widget classes
    come from the `uswds_widget` template tag.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def first_error(exc) -> str:
    """A service's ValidationError as one sentence for a message or a page."""
    return exc.messages[0] if exc.messages else str(exc)


def first_form_error(form) -> str:
    """The first error of an invalid form, for a flash message."""
    errors = form.errors.get_json_data()
    return next(iter(errors.values()))[0]["message"]


class TextareaField(forms.CharField):
    """Text from a textarea, with line breaks counted the way the browser counts them.

    Browsers submit a line break as "\r\n" but count it as one character against the
    textarea's `maxlength`; stored as "\n", text the browser accepts is never too long here.
    """

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)


class AmountField(forms.DecimalField):
    """A number of dollars that reports one problem at a time.

    Django runs every validator and shows every failure: 1e99 would be "too large" and
    "too many digits" at once. The first (the field's limit, checked before the digits)
    says what to do; the others only repeat it.
    """

    def run_validators(self, value):
        try:
            super().run_validators(value)
        except ValidationError as exc:
            raise exc.error_list[0] from None


class DateInput(forms.DateInput):
    """A native date picker, with the ISO value browsers expect."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def add_service_errors(form, exc) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


def options_html(choices) -> str:
    """A <select>'s <option>s for (value, label) pairs, none selected, escaped: rendered once
    for a long list (every skill, with counts) and kept beside it in the cache; the
    `select_options` filter marks the chosen one."""
    return "".join(
        f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in choices
    )
