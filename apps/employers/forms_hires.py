"""Forms for pledges and hires. They check what people type, with messages people can act on,
before the services (and the database constraints behind them) see the data."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.forms import (
    AmountField,
    DateInput,
    TextareaField,
    add_service_errors,  # noqa: F401 - re-exported for views
)
from apps.skills.forms import OccupationField as SharedOccupationField
from apps.skills.forms import OccupationsField
from apps.skills.models import Occupation

from .models import PayUnit, Pledge

# The limits are the services' own (report_hire, save_pledge); the form says them field by field.
from .services.hires import MAX_DAYS_AHEAD, start_problem
from .services.pay import pay_problem
from .services.pledges import latest_pledge_date, pledge_date_problem


class OccupationField(SharedOccupationField):
    """Every occupation; those that don't count toward the goal say so."""

    def label_from_instance(self, obj):
        if obj.is_tech:
            return f"{obj.label} ({obj.soc_code})"
        return gettext("%(title)s (%(code)s) — not a tech occupation, does not count") % {
            "title": obj.label,
            "code": obj.soc_code,
        }


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------
class PledgeForm(forms.Form):
    """A pledge of hires. Saving goes through services.save_pledge (it signs it too)."""

    hires = forms.IntegerField(
        label=_("Number of people you will hire"),
        min_value=1,
        max_value=1000,
        help_text=_("Between 1 and 1,000 people."),
        error_messages={
            "required": _("Enter how many people you will hire."),
            "invalid": _("Enter a whole number of people, for example 5."),
            "min_value": _("Pledge at least one hire."),
            "max_value": _("Pledge at most 1,000 hires."),
        },
    )
    occupations = OccupationsField(
        label=_("Tech occupations you will hire into"),
        queryset=Occupation.objects.filter(is_tech=True).order_by("soc_code"),
        widget=forms.CheckboxSelectMultiple,
        template_name="includes/_checkboxes_field.html",
        help_text=_("Choose every occupation the people you hire will work in."),
        error_messages={
            "required": _("Choose at least one tech occupation you will hire into."),
            "invalid_choice": _("Choose tech occupations from the list."),
            "invalid_pk_value": _("Choose tech occupations from the list."),
        },
    )
    by_date = forms.DateField(
        label=_("Hire them by"),
        widget=DateInput(),
        help_text=_("The date by which all of these people will have started."),
        error_messages={
            "required": _("Enter the date by which you will have hired them."),
            "invalid": _("Enter a real date, for example 2020-12-31."),
        },
    )
    confirm = forms.BooleanField(
        error_messages={
            "required": _(
                "Confirm that you may make this commitment for your organization, "
                "or ask someone who can."
            )
        },
    )

    def __init__(self, *args, organization, pledge: Pledge | None = None, **kwargs):
        self.pledge = pledge
        if pledge is not None:
            kwargs.setdefault(
                "initial",
                {
                    "hires": pledge.hires,
                    "occupations": [o.pk for o in pledge.occupations.all()],
                    "by_date": pledge.by_date,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = gettext(
            "I may commit %(organization)s to these hires. My name is recorded as the signer."
        ) % {"organization": organization.name}
        # The example is a date a pledge could really choose: the end of next year.
        example = date(timezone.localdate().year + 1, 12, 31)
        self.fields["by_date"].error_messages["invalid"] = gettext(
            "Enter a real date, for example %(example)s."
        ) % {"example": example.isoformat()}
        self.fields["by_date"].widget.attrs["max"] = latest_pledge_date().isoformat()

    def clean_by_date(self):
        by_date = self.cleaned_data["by_date"]
        # A new (or moved) deadline is after today; an active pledge may keep its own.
        unchanged = self.pledge is not None and by_date == self.pledge.by_date
        if by_date <= timezone.localdate() and not unchanged:
            raise ValidationError(_("Choose a date after today."), code="past")
        if problem := pledge_date_problem(by_date):
            raise ValidationError(problem, code="too_late")
        return by_date

    def service_kwargs(self) -> dict:
        """What services.save_pledge needs from a valid form."""
        return {
            "data": {"hires": self.cleaned_data["hires"], "by_date": self.cleaned_data["by_date"]},
            "occupations": self.cleaned_data["occupations"],
        }


# ---------------------------------------------------------------------------
# Hires
# ---------------------------------------------------------------------------
class HireForm(forms.Form):
    """A hire, from an application (`application`) or of an external candidate.

    Saving goes through services.report_hire, which also finds the training the person
    completed and refuses the same hire twice. No pledge is chosen here: a verified hire
    fills its pledge by the rule (services/pledges.py).
    """

    external_name = forms.CharField(
        label=_("Their name"),
        max_length=200,
        error_messages={"required": _("Enter the name of the person you hired.")},
    )
    external_email = forms.EmailField(
        label=_("Their email address"),
        max_length=254,
        help_text=_("Workforce Solutions Borderplex may write to confirm the hire."),
        error_messages={
            "required": _("Enter the email address of the person you hired."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    occupation = OccupationField(
        label=_("Occupation"),
        queryset=Occupation.objects.order_by("soc_code"),
        empty_label=_("Choose the occupation"),
        help_text=_("Only hires into tech occupations count toward the 400."),
        error_messages={
            "required": _("Choose the occupation of the job."),
            "invalid_choice": _("Choose an occupation from the list."),
        },
    )
    start_date = forms.DateField(
        label=_("Start date"),
        widget=DateInput(),
        help_text=_("Their first day of work: at most 60 days from today."),
        error_messages={
            "required": _("Enter the date they start (or started) work."),
            "invalid": _("Enter a real date, for example 2020-03-02."),
        },
    )
    wage = AmountField(
        label=_("Starting wage (USD)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Before taxes, in dollars: per hour or per year, as you choose below."),
        error_messages={
            "required": _("Enter the starting wage."),
            "invalid": _("Enter the wage as a number, for example 18.50."),
            "max_decimal_places": _("Enter the wage as a number, for example 18.50."),
            # Far too many digits (the per-unit limits are checked in clean()).
            "max_digits": _("Enter at most 1,000,000."),
            "max_whole_digits": _("Enter at most 1,000,000."),
        },
    )
    wage_unit = forms.ChoiceField(
        label=_("The wage is"),
        choices=PayUnit.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether the wage is per hour or per year."),
            "invalid_choice": _("Choose whether the wage is per hour or per year."),
        },
    )

    def __init__(self, *args, employer, application=None, hire=None, **kwargs):
        """`hire`: a reported hire being corrected (its values are the initial ones)."""
        if hire is not None:
            application = hire.application
            kwargs.setdefault(
                "initial",
                {
                    "external_name": hire.external_name,
                    "external_email": hire.external_email,
                    "occupation": hire.occupation_id,
                    "start_date": hire.start_date,
                    "wage": hire.wage,
                    "wage_unit": hire.wage_unit,
                },
            )
        self.application = application
        if application is not None:
            job = application.job
            kwargs.setdefault(
                "initial",
                {"occupation": job.occupation_id, "wage": job.pay_min, "wage_unit": job.pay_unit},
            )
        super().__init__(*args, **kwargs)
        person_fixed = application is not None or (hire is not None and hire.seeker_id)
        if person_fixed:  # the person is the applicant (or the portal user hired)
            del self.fields["external_name"]
            del self.fields["external_email"]
        self.fields["wage"].widget.attrs.update(
            {"step": "0.01", "min": "0.01", "inputmode": "decimal"}
        )

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start > timezone.localdate() + timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError(
                _("Enter a start date at most 60 days from today. Report the hire closer to it."),
                code="too_late",
            )
        if problem := start_problem(start, application=self.application):
            raise ValidationError(problem, code="before_application")
        return start

    def clean_wage(self):
        wage = self.cleaned_data["wage"]
        if wage <= 0:
            raise ValidationError(_("Enter a wage above zero."), code="min_value")
        return wage

    def clean(self):
        cleaned = super().clean()
        # Too little or too much for the unit, e.g. "$5 per year" (clean_wage saw to <= 0).
        if "wage" in cleaned and (
            problem := pay_problem(cleaned["wage"], cleaned.get("wage_unit"))
        ):
            self.add_error("wage", problem)
        return cleaned

    def service_kwargs(self) -> dict:
        """What services.report_hire needs from a valid form (besides employer and actor)."""
        return {**self.correction_kwargs(), "application": self.application}

    def correction_kwargs(self) -> dict:
        """What services.correct_hire needs from a valid form (besides hire and employer)."""
        data = self.cleaned_data
        kwargs = {
            "occupation": data["occupation"],
            "start_date": data["start_date"],
            "wage": data["wage"],
            "wage_unit": data["wage_unit"],
        }
        if "external_email" in self.fields:
            kwargs["external_name"] = data["external_name"]
            kwargs["external_email"] = data["external_email"]
        return kwargs


class RejectHireForm(forms.Form):
    reason = TextareaField(
        label=_("Why it can't be verified"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The employer reads this, so they can correct the hire and report it again."),
        error_messages={
            "required": _("Give the reason, so the employer can correct it."),
            "max_length": _("Keep the reason under 2,000 characters."),
        },
    )
