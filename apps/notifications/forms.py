from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import CATEGORY_HELP, Category, Frequency


class PreferencesForm(forms.Form):
    """One choice per category the person's role hears about: right away, daily digest,
    weekly digest, or off."""

    def __init__(self, *args, initial_choices: dict[str, str], categories: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Category.choices)
        for category in categories:
            self.fields[category] = forms.ChoiceField(
                label=labels[category],
                choices=Frequency.choices,
                initial=initial_choices[category],
                widget=forms.RadioSelect,
                help_text=CATEGORY_HELP[category],
                error_messages={
                    "required": _("Choose how you want to hear about this."),
                    "invalid_choice": _("Choose how you want to hear about this."),
                },
            )


class StaffWindowForm(forms.Form):
    """The staff delivery view's filters: a period, and an address to look up."""

    PERIODS = [
        (1, _("Last 24 hours")),
        (7, _("Last 7 days")),
        (30, _("Last 30 days")),
        (90, _("Last 90 days")),
    ]
    days = forms.TypedChoiceField(
        label=_("Period"), choices=PERIODS, coerce=int, required=False, empty_value=7
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        help_text=_("Someone says they never got an email? Look up what was sent to them."),
    )
