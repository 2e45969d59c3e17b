"""Forms for the provider's side. They check what people type, with messages people can act
on, before the services (and the database constraints behind them) see the data."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateInput, add_service_errors  # noqa: F401 - re-exported for views
from apps.skills.forms import OccupationsField, SkillsField

from .models import (
    Cohort,
    EnrollmentStatus,
    Format,
    Program,
    ProgramStatus,
    Schedule,
    TeachingLanguage,
)

MAX_COST = 999_999  # total_cost has 8 digits, 2 of them after the point


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
        template_name="trainings/provider/_checkboxes_field.html",
        required=False,
        help_text=_("Choose the tech jobs a graduate can apply for."),
    )
    total_cost = forms.DecimalField(
        label=_("Total cost (USD)"),
        min_value=0,
        max_value=MAX_COST,
        max_digits=8,
        decimal_places=2,
        help_text=_("Tuition, fees, books and exams. Enter 0 if the program is free."),
        error_messages={"min_value": _("The cost can’t be negative.")},
    )
    cost_after_aid = forms.DecimalField(
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
        error_messages={"min_value": _("The cost can’t be negative.")},
    )
    length_weeks = forms.IntegerField(
        label=_("Length in weeks"),
        min_value=1,
        max_value=260,
        error_messages={
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
            ("format", Format.choices),
            ("schedule", Schedule.choices),
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

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start_date")
        end = cleaned.get("end_date")
        deadline = cleaned.get("enrollment_deadline")
        today = timezone.localdate()
        # A new class (or a moved one) can't start in the past; an old one may be corrected.
        if (
            start
            and start < today
            and (self.instance.pk is None or start != self.instance.start_date)
        ):
            self.add_error("start_date", _("This date has passed. Choose today or a later date."))
        if start and end and end < start:
            self.add_error("end_date", _("The end date can’t be before the start date."))
        if start and deadline and deadline > start:
            self.add_error(
                "enrollment_deadline",
                _("The enrollment deadline must be on or before the start date."),
            )
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
    note = forms.CharField(
        label=_("Note to the applicant (optional)"),
        max_length=2000,
        required=False,
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
