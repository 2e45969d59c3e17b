"""Forms for the provider's side. They check what people type, with messages people can act
on, before the services (and the database constraints behind them) see the data."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import (  # noqa: F401 - add_service_errors re-exported for views
    AmountField,
    DateInput,
    TextareaField,
    add_service_errors,
)
from apps.skills.forms import OccupationsField, SkillsField

from . import services
from .models import (
    FORMAT_CHOICES,
    SCHEDULE_CHOICES,
    Cohort,
    EnrollmentStatus,
    Program,
    ProgramStatus,
    TeachingLanguage,
)

MAX_COST = 999_999  # total_cost has 8 digits, 2 of them after the point
MAX_NOTE = 2000  # Enrollment.note and EnrollmentEvent.note


class NoteField(TextareaField):
    """An optional note of at most MAX_NOTE characters, counted as the browser counts them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_NOTE)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)


class ProgramForm(forms.ModelForm):
    """Every field of a program a provider fills in; saving goes through services.save_program."""

    skills = SkillsField(
        label=_("Skills taught"),
        help_text=_(
            "Choose every skill a student practices in this program. Job seekers missing "
            "these skills are pointed to your program."
        ),
        error_messages={"required": _("Choose at least one skill this program teaches.")},
    )
    occupations = OccupationsField(
        label=_("Jobs it prepares for"),
        widget=forms.CheckboxSelectMultiple,
        template_name="includes/_checkboxes_field.html",
        required=False,
        help_text=_("Choose the tech jobs a graduate can apply for."),
    )
    total_cost = AmountField(
        label=_("Total cost (USD)"),
        min_value=0,
        max_value=MAX_COST,
        max_digits=8,
        decimal_places=2,
        help_text=_("Tuition, fees, books and exams. Enter 0 if the program is free."),
        error_messages={
            "required": _("Enter the total cost, or 0 if the program is free."),
            "invalid": _("Enter an amount in dollars and cents, for example 18.50."),
            "max_decimal_places": _("Enter an amount in dollars and cents, for example 18.50."),
            "min_value": _("The cost can’t be negative."),
            "max_value": _("Enter at most 999,999."),
        },
    )
    cost_after_aid = AmountField(
        label=_("Typical cost after funding (USD)"),
        min_value=0,
        max_value=MAX_COST,
        max_digits=8,
        decimal_places=2,
        required=False,
        help_text=_(
            "What most eligible students pay after grants and scholarships. Leave empty "
            "if you don’t know."
        ),
        error_messages={
            "invalid": _("Enter an amount in dollars and cents, for example 18.50."),
            "max_decimal_places": _("Enter an amount in dollars and cents, for example 18.50."),
            "min_value": _("The cost can’t be negative."),
            "max_value": _("Enter at most 999,999."),
        },
    )
    length_weeks = forms.IntegerField(
        label=_("Length in weeks"),
        min_value=1,
        max_value=260,
        error_messages={
            "required": _("Enter how many weeks the program lasts."),
            "invalid": _("Enter a whole number of weeks, for example 12."),
            "min_value": _("A program lasts at least one week."),
            "max_value": _("Enter at most 260 weeks (five years)."),
        },
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"),
        min_value=1,
        max_value=80,
        help_text=_("Class and lab time a student should plan for: between 1 and 80."),
        error_messages={
            "required": _("Enter how many hours a week a student should plan for."),
            "invalid": _("Enter a whole number of hours, for example 10."),
            "min_value": _("Enter between 1 and 80 hours a week."),
            "max_value": _("Enter between 1 and 80 hours a week."),
        },
    )

    class Meta:
        model = Program
        fields = [
            "title",
            "summary",
            "description",
            "credential",
            "prerequisites",
            "skills",
            "occupations",
            "format",
            "schedule",
            "language",
            "length_weeks",
            "hours_per_week",
            "total_cost",
            "cost_after_aid",
            "wioa_eligible",
            "scholarships",
            "payment_plan",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "prerequisites": forms.Textarea(attrs={"rows": 3}),
            "format": forms.RadioSelect,
            "schedule": forms.RadioSelect,
            "language": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": _("Give the program a title.")},
            "summary": {"required": _("Sum up the program in one or two sentences.")},
            "description": {"required": _("Describe what students learn and do.")},
            "format": {
                "required": _("Choose how the program is taught: in person, online or hybrid.")
            },
            "schedule": {"required": _("Choose when the classes meet.")},
            "language": {"required": _("Choose the language the program is taught in.")},
        }
        help_texts = {
            "description": _("What students learn and do, week by week if you can."),
            "prerequisites": _(
                "What a student needs before starting, for example a high school diploma "
                "or basic typing. Leave empty if there is nothing."
            ),
        }

    # How the page groups the fields, each group under its own heading.
    SECTIONS = [
        (
            _("About the program"),
            ["title", "summary", "description", "credential", "prerequisites"],
        ),
        (_("Skills and jobs"), ["skills", "occupations"]),
        (
            _("Format and schedule"),
            ["format", "schedule", "language", "length_weeks", "hours_per_week"],
        ),
        (
            _("Cost and funding"),
            ["total_cost", "cost_after_aid", "wioa_eligible", "scholarships", "payment_plan"],
        ),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required choices shown as radio buttons: no empty "---------" choice.
        for name, choices in [
            ("format", FORMAT_CHOICES),
            ("schedule", SCHEDULE_CHOICES),
            ("language", TeachingLanguage.choices),
        ]:
            self.fields[name].choices = choices
        for name in ("total_cost", "cost_after_aid"):
            self.fields[name].widget.attrs.update({"step": "0.01", "inputmode": "decimal"})

    def clean(self):
        cleaned = super().clean()
        total, after_aid = cleaned.get("total_cost"), cleaned.get("cost_after_aid")
        if total is not None and after_aid is not None and after_aid > total:
            self.add_error(
                "cost_after_aid", _("The cost after funding can’t be more than the total cost.")
            )
        return cleaned

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def service_kwargs(self) -> dict:
        """What services.save_program needs from a valid form."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("skills", "occupations")}
        return {
            "data": data,
            "skills": self.cleaned_data["skills"],
            "occupations": self.cleaned_data["occupations"],
        }


class ProgramStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=ProgramStatus.choices,
        error_messages={
            "required": _("Choose whether to publish or unpublish the program."),
            "invalid_choice": _("Choose whether to publish or unpublish the program."),
        },
    )


class CohortForm(forms.ModelForm):
    """A class date. Saving goes through services.save_cohort (which also checks held seats)."""

    seats = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=1000,
        help_text=_("How many students you can take: between 1 and 1,000."),
        error_messages={
            "required": _("Enter how many students you can take."),
            "invalid": _("Enter a whole number of seats, for example 20."),
            "min_value": _("Offer at least one seat."),
            "max_value": _("Enter at most 1,000 seats."),
        },
    )

    class Meta:
        model = Cohort
        fields = ["start_date", "end_date", "enrollment_deadline", "seats", "location"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "enrollment_deadline": DateInput(),
        }
        help_texts = {
            "enrollment_deadline": _(
                "The last day people can apply. It must be on or before the start date."
            ),
        }
        error_messages = {
            "start_date": {
                "required": _("Enter the date the class starts."),
                "invalid": _("Enter a real date, for example 2020-12-31."),
            },
            "end_date": {
                "required": _("Enter the date the class ends."),
                "invalid": _("Enter a real date, for example 2020-12-31."),
            },
            "enrollment_deadline": {
                "required": _("Enter the last day people can apply."),
                "invalid": _("Enter a real date, for example 2020-12-31."),
            },
            "location": {"required": _("Say where the class meets, or write “Online”.")},
        }

    def clean(self):
        cleaned = super().clean()
        # The same rules save_cohort enforces, shown on their fields. The instance still holds
        # the saved dates here (the form copies the new ones onto it after clean()).
        errors = services.cohort_date_errors(
            start=cleaned.get("start_date"),
            end=cleaned.get("end_date"),
            deadline=cleaned.get("enrollment_deadline"),
            saved=self.instance if self.instance.pk else None,
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class EnrollmentStatusForm(forms.Form):
    """One decision on the roster: the new status, a note for the person, the credential."""

    CREDENTIAL_CHOICES = [("yes", _("Yes")), ("no", _("No"))]

    to = forms.ChoiceField(
        label=_("New status"),
        choices=[(s, label) for s, label in EnrollmentStatus.choices if s != "applied"],
        error_messages={
            "required": _("Choose what to do with this enrollment."),
            "invalid_choice": _("“%(value)s” is not a status an enrollment can take."),
        },
    )
    note = NoteField(
        label=_("Note to the applicant (optional)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    early_reason = NoteField(
        label=_("Why mark completed before the class’s last week?"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    credential_earned = forms.TypedChoiceField(
        label=_("Credential earned?"),
        choices=CREDENTIAL_CHOICES,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Answer yes or no: did this person earn the credential?")
        },
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("to") == EnrollmentStatus.COMPLETED
            and cleaned.get("credential_earned") is None
        ):
            self.add_error(
                "credential_earned",
                _("Say whether this person earned the program’s credential."),
            )
        return cleaned


class ApplyForm(forms.Form):
    """A seeker's application to a class: an optional note. Saving goes through services.apply."""

    note = NoteField(
        label=_("A note to the provider (optional)"),
        error_messages={
            "max_length": _("Keep your note to 2,000 characters or fewer (it has %(show_value)d).")
        },
    )
