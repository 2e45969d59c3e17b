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
            )


class StaffWindowForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=90, required=False)
