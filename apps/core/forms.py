from django.forms.renderers import TemplatesSetting


class USWDSFormRenderer(TemplatesSetting):
    """Renders every Django form (ours and allauth's) with USWDS markup.

    Templates: templates/forms/form.html and templates/forms/field.html; widget classes
    come from the `uswds_widget` template tag.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def add_service_errors(form, exc) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)
