from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Language
from apps.core.forms import TextareaField
from apps.employers.models import Job
from apps.trainings.models import Program

from .models import Event, EventKind


class ReferralForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Enter the name of the person you refer.")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter the email address we should send the invitation to."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=Language.choices,
        help_text=_("The person's language: the email and its note use it."),
        error_messages={
            "required": _("Choose the language of the invitation."),
            "invalid_choice": _("Choose the language of the invitation."),
        },
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
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Use the template's columns."),
        error_messages={
            "required": _("Choose a CSV file to upload."),
            "invalid": _("Choose a CSV file to upload."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language for rows that leave it empty"),
        choices=Language.choices,
        error_messages={
            "required": _("Choose the language for rows that leave it empty."),
            "invalid_choice": _("Choose the language for rows that leave it empty."),
        },
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
        label=_("Description"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe the event: what happens and who it is for.")},
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
        error_messages = {
            "title": {"required": _("Give the event a title.")},
            "kind": {"required": _("Choose the kind of event.")},
            "starts_at": {
                "required": _("Enter the day and time the event starts."),
                "invalid": _("Enter a real day and time, for example 2020-03-02 18:00."),
            },
            "ends_at": {
                "required": _("Enter the day and time the event ends."),
                "invalid": _("Enter a real day and time, for example 2020-03-02 18:00."),
            },
            "capacity": {
                "required": _("Enter how many people can come."),
                "invalid": _("Enter a whole number of people, for example 5."),
                "min_value": _("Make room for at least one person."),
            },
            "language": {"required": _("Choose the language the event is held in.")},
        }
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
    decision = forms.ChoiceField(
        choices=[("publish", "publish"), ("send_back", "send_back")],
        error_messages={
            "required": _("Choose to publish the event or send it back."),
            "invalid_choice": _("Choose to publish the event or send it back."),
        },
    )
    note = TextareaField(required=False, max_length=2000, label=_("What should change"))
