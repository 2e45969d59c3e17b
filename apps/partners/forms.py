from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Language
from apps.core.forms import TextareaField
from apps.employers.models import Job
from apps.trainings.models import Program

from .models import Event, EventKind


class ReferralForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=Language.choices,
        help_text=_("The person's language: the email and its note use it."),
    )
    program = forms.ModelChoiceField(
        label=_("Toward a training program (optional)"),
        queryset=Program.objects.published().order_by("title"),
        required=False,
    )
    job = forms.ModelChoiceField(
        label=_("Toward a job (optional)"),
        queryset=Job.objects.published().order_by("title"),
        required=False,
    )
    note = TextareaField(
        label=_("A note for the person (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("Use the template's columns."))
    language = forms.ChoiceField(
        label=_("Language for rows that leave it empty"), choices=Language.choices
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    online_url = forms.URLField(
        label=_("Online link"), required=False, max_length=200, assume_scheme="https"
    )
    description = TextareaField(
        label=_("Description"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "language",
        ]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}
        help_texts = {
            "starts_at": _("Mountain Time (El Paso)."),
            "place": _("An address, or leave empty for an online event."),
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place or an online link."))
        return data


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of event"), choices=[("", _("All"))] + EventKind.choices, required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All"))] + Language.choices, required=False
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", "publish"), ("send_back", "send_back")])
    note = TextareaField(required=False, max_length=2000, label=_("What should change"))
