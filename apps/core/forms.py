from django.forms.renderers import TemplatesSetting


class USWDSFormRenderer(TemplatesSetting):
    """Renders every Django form (ours and allauth's) with USWDS markup.

    Templates: templates/forms/form.html and templates/forms/field.html; widget classes
    come from the `uswds_widget` template tag.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
