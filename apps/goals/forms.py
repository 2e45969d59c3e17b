from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Organization
from apps.skills.models import Occupation
from apps.trainings.models import Program

from .models import Goal
from .selectors import Filters


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["name", "target", "start", "end", "counting_rule_en", "counting_rule_es"]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "counting_rule_en": forms.Textarea(attrs={"rows": 4}),
            "counting_rule_es": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "name": {"required": _("Give the goal a name.")},
            "target": {
                "required": _("Enter how many people the program promises to hire."),
                "invalid": _("Enter a number from 1 to 1,000,000."),
            },
            "start": {
                "required": _("Enter the goal's first day."),
                "invalid": _("Enter a real date, for example 2020-12-31."),
            },
            "end": {
                "required": _("Enter the goal's last day."),
                "invalid": _("Enter a real date, for example 2020-12-31."),
            },
            "counting_rule_en": {"required": _("Write the counting rule in English.")},
            "counting_rule_es": {"required": _("Write the counting rule in Spanish.")},
        }
        help_texts = {
            "target": _("How many people the program promises to hire into tech jobs."),
            "start": _("Hires starting on or after this day count."),
            "end": _("Hires starting on or before this day count."),
            "counting_rule_es": _("The same rule, as Spanish readers will see it."),
        }

    def clean_target(self):
        target = self.cleaned_data["target"]
        if not 1 <= target <= 1_000_000:
            raise forms.ValidationError(_("Enter a number from 1 to 1,000,000."))
        return target

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The last day must come after the first day."))
        return cleaned


class QuickSelect(forms.Select):
    """A select whose options render in one template loop: hundreds of employers stay fast."""

    template_name = "goals/widgets/select.html"


class FilterForm(forms.Form):
    """The dashboard's filters (GET). Empty means everything."""

    start_from = forms.DateField(label=_("Started on or after"), required=False, widget=DateInput())
    start_to = forms.DateField(label=_("Started on or before"), required=False, widget=DateInput())
    occupation = forms.ModelChoiceField(
        label=_("Occupation"),
        queryset=Occupation.objects.filter(is_tech=True),
        required=False,
        empty_label=_("All occupations"),
        widget=QuickSelect,
    )
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Organization.objects.filter(kind=Organization.Kind.EMPLOYER).order_by("name"),
        required=False,
        # Hundreds of employers: chosen from the employers table's links, not a long list.
        widget=forms.HiddenInput,
    )
    program = forms.ModelChoiceField(
        label=_("Training program"),
        queryset=Program.objects.order_by("title"),
        required=False,
        empty_label=_("All programs"),
        widget=QuickSelect,
    )

    def clean(self):
        cleaned = super().clean()
        start_from, start_to = cleaned.get("start_from"), cleaned.get("start_to")
        if start_from and start_to and start_to < start_from:
            self.add_error("start_to", _("Choose a day on or after the first one."))
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            start_from=data.get("start_from"),
            start_to=data.get("start_to"),
            occupation_id=data["occupation"].pk if data.get("occupation") else None,
            employer_id=data["employer"].pk if data.get("employer") else None,
            program_id=data["program"].pk if data.get("program") else None,
        )
