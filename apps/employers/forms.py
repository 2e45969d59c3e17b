"""Forms for employers' pages and the public job search. They check what people type, with
messages people can act on, before the services (and the database constraints behind them)
see the data."""

import operator
from decimal import Decimal
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.forms import (
    AmountField,
    DateInput,
    TextareaField,
    add_service_errors,  # noqa: F401 - re-exported for views
)
from apps.skills.forms import OccupationField, SkillsField
from apps.skills.models import Occupation
from apps.skills.vocabulary import JOB_SCHEDULES, EmploymentType, Schedule, WorkSetting

from .models import MAX_EXPERIENCE_MONTHS, Job, PayUnit
from .selectors import JobFilters
from .services.pay import MAX_WAGE, pay_problem

# ---------------------------------------------------------------------------
# Jobs
# ---------------------------------------------------------------------------
MAX_PAY = MAX_WAGE[PayUnit.YEAR]  # any pay at most; per-unit limits in services.pay.pay_problem
NOTE_MAX = 2000


def _pay_field(label, required):
    return AmountField(
        label=label,
        min_value=0,
        max_value=MAX_PAY,
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={
            "required": required,
            "invalid": _("Enter an amount in dollars and cents, for example 18.50."),
            "max_decimal_places": _("Enter an amount in dollars and cents, for example 18.50."),
            "min_value": _("Pay can’t be negative."),
            "max_value": _("Enter at most 1,000,000."),
        },
    )


class JobForm(forms.ModelForm):
    """Every field of a job an employer fills in; saving goes through services.save_job."""

    occupation = OccupationField(
        label=_("Occupation"),
        queryset=Occupation.objects.filter(is_tech=True).order_by("soc_code"),
        empty_label=_("Choose the closest occupation"),
        help_text=_("The standard occupation this job belongs to. It counts toward the goal."),
        error_messages={
            "required": _("Choose the closest occupation."),
            "invalid_choice": _("Choose an occupation from the list."),
        },
    )
    required_skills = SkillsField(
        label=_("Required skills"),
        help_text=_(
            "Only what a new hire must have on day one. Job seekers who have these skills "
            "are told about your job."
        ),
        error_messages={"required": _("Choose at least one required skill.")},
    )
    preferred_skills = SkillsField(
        label=_("Nice-to-have skills"),
        required=False,
        help_text=_("Skills that help but that you can teach on the job."),
    )
    pay_min = _pay_field(
        _("Pay from (USD)"), required=_("Enter the lowest pay you offer for this job.")
    )
    pay_max = _pay_field(
        _("Pay up to (USD)"),
        required=_("Enter the highest pay you offer. If the pay is fixed, enter it again here."),
    )
    experience_months = forms.IntegerField(
        label=_("Experience needed, in months"),
        required=False,  # empty is none, like 0
        min_value=0,
        max_value=MAX_EXPERIENCE_MONTHS,
        initial=0,
        help_text=_(
            "Months of work experience a new hire needs. Leave 0 if you train new hires: "
            "job seekers see “None required”."
        ),
        error_messages={
            "min_value": _("Enter 0 or more months."),
            "max_value": _("Enter at most 120 months (10 years)."),
            "invalid": _("Enter a whole number of months, or 0 for none."),
        },
    )
    postal_code = forms.RegexField(
        label=_("ZIP code"),
        required=False,
        regex=r"^\d{5}(-\d{4})?$",
        max_length=10,
        error_messages={"invalid": _("Enter a 5-digit ZIP code, like 79901.")},
    )
    openings = forms.IntegerField(
        label=_("Openings"),
        min_value=1,
        max_value=500,
        initial=1,
        help_text=_("How many people you want to hire for this job: between 1 and 500."),
        error_messages={
            "required": _("Enter how many people you want to hire for this job."),
            "invalid": _("Enter a whole number of openings, for example 2."),
            "min_value": _("Offer at least one opening."),
            "max_value": _("Enter at most 500 openings."),
        },
    )

    class Meta:
        model = Job
        fields = [
            "title",
            "occupation",
            "description",
            "required_skills",
            "preferred_skills",
            "pay_min",
            "pay_max",
            "pay_unit",
            "employment_type",
            "schedule",
            "work_setting",
            "location",
            "street_address",
            "postal_code",
            "openings",
            "degree_required",
            "experience_months",
            "closes_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "pay_unit": forms.RadioSelect,
            "employment_type": forms.RadioSelect,
            "schedule": forms.RadioSelect,
            "work_setting": forms.RadioSelect,
            "closes_on": DateInput(),
        }
        help_texts = {
            "title": _("The job title people search for, for example “IT Support Technician”."),
            "description": _(
                "What the person will do, who they will work with, and how you train new hires."
            ),
            "location": _("City and state. For remote jobs, where the team is based."),
            "street_address": _(
                "Where the work happens, for example “300 E. Main Dr., Suite 800”. Leave it "
                "empty for remote jobs or if you’d rather not say."
            ),
            "closes_on": _("The last day people can apply. Choose today or a later date."),
        }
        error_messages = {
            "title": {"required": _("Give the job a title.")},
            "description": {"required": _("Describe the job.")},
            "location": {
                "required": _("Enter the city and state, or for a remote job where the team is.")
            },
            "pay_unit": {"required": _("Choose whether the pay is per hour or per year.")},
            "work_setting": {"required": _("Choose where the work happens.")},
            "schedule": {"required": _("Choose the schedule.")},
            "employment_type": {"required": _("Choose the kind of employment.")},
            "closes_on": {"required": _("Choose the last day people can apply.")},
        }

    # How the page groups the fields, each group under its own heading.
    SECTIONS = [
        (_("About the job"), ["title", "occupation", "description"]),
        (
            _("Skills"),
            ["required_skills", "preferred_skills", "degree_required", "experience_months"],
        ),
        (_("Pay"), ["pay_min", "pay_max", "pay_unit"]),
        (
            _("When and where"),
            [
                "employment_type",
                "schedule",
                "work_setting",
                "location",
                "street_address",
                "postal_code",
                "openings",
                "closes_on",
            ],
        ),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required choices shown as radio buttons: no empty "---------" choice.
        for name, choices in [
            ("pay_unit", PayUnit.choices),
            ("employment_type", EmploymentType.choices),
            ("schedule", Schedule.choices_of(JOB_SCHEDULES)),
            ("work_setting", WorkSetting.choices),
        ]:
            self.fields[name].choices = choices

    def clean_experience_months(self):
        return self.cleaned_data["experience_months"] or 0

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on and closes_on < timezone.localdate():
            raise ValidationError(
                _("The closing date is in the past. Choose today or a later date."),
                code="past",
            )
        return closes_on

    def clean(self):
        cleaned = super().clean()
        # Pay that can't be real for its unit, e.g. "$20 to $25 per year" (services.pay.MIN_WAGE).
        for name in ("pay_min", "pay_max"):
            if name in cleaned and (problem := pay_problem(cleaned[name], cleaned.get("pay_unit"))):
                self.add_error(name, problem)
        low, high = cleaned.get("pay_min"), cleaned.get("pay_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "pay_max", _("“Pay up to” can’t be less than “Pay from”. Check the pay range.")
            )
        return cleaned

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def service_kwargs(self) -> dict:
        """What services.save_job needs from a valid form."""
        skills = ("required_skills", "preferred_skills")
        data = {k: v for k, v in self.cleaned_data.items() if k not in skills}
        return {
            "data": data,
            "required_skills": list(self.cleaned_data["required_skills"]),
            "preferred_skills": list(self.cleaned_data["preferred_skills"]),
        }


class ApplyForm(forms.Form):
    note = TextareaField(
        label=_("A note to the employer (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this job, and when you can start. At most 2,000 characters."),
        error_messages={
            "max_length": _("Keep your note to 2,000 characters or fewer (it has %(show_value)d).")
        },
    )


class SendBackForm(forms.Form):
    note = TextareaField(
        label=_("What should the employer change?"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The employer's team reads this in an email and on the job's page."),
        error_messages={
            "required": _("Say what the employer should change."),
            "max_length": _("Keep the note to 2,000 characters or fewer (it has %(show_value)d)."),
        },
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise ValidationError(_("Say what the employer should change."), code="required")
        return note


# The search's filters ------------------------------------------------------
SORTS = [
    ("relevance", _("Most relevant")),
    ("newest", _("Newest")),
    ("pay", _("Highest pay")),
]
POSTED = [
    ("", _("Any time")),
    ("7", _("In the last 7 days")),
    ("14", _("In the last 14 days")),
    ("30", _("In the last 30 days")),
]
HOURLY_BELOW = Decimal("1000")  # "pay from" without a unit: smaller amounts are hourly


class JobSearchForm(forms.Form):
    """GET filters. Anything unexpected is ignored rather than refused: URLs get shared."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    skill = forms.TypedChoiceField(label=_("Skill"), required=False, coerce=int)
    occupation = forms.TypedChoiceField(label=_("Occupation"), required=False, coerce=int)
    work_setting = forms.ChoiceField(label=_("Where"), required=False)
    schedule = forms.ChoiceField(label=_("Schedule"), required=False)
    pay_from = forms.DecimalField(
        label=_("Pay at least (USD)"),
        required=False,
        min_value=0,
        max_value=MAX_PAY,
        max_digits=10,
        decimal_places=2,
    )
    pay_unit = forms.ChoiceField(label=_("Per"), required=False, choices=PayUnit.choices)
    no_degree = forms.BooleanField(label=_("No degree required"), required=False)
    employer = forms.CharField(label=_("Employer"), required=False, max_length=200)
    posted = forms.ChoiceField(label=_("Posted"), required=False, choices=POSTED)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, choices: dict, orders=(), **kwargs):
        """`orders`: the extra orders (search_orders.SearchOrder) this person is offered."""
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = SORTS + [(order.value, order.label) for order in orders]
        any_choice = [("", gettext("Any"))]
        language = translation.get_language() or "en"
        for name in ("skill", "occupation"):
            labelled = choices[f"{name}_choices"].get(language, choices[f"{name}_choices"]["en"])
            # Read lazily (only to check a submitted value): the page shows the <option>s
            # rendered once with the counts (selectors.count_facets).
            self.fields[name].choices = partial(operator.add, any_choice, labelled)
            rendered = choices[f"{name}_options"]
            self.fields[name].options_html = rendered.get(language, rendered["en"])
        self.fields["work_setting"].choices = any_choice + list(WorkSetting.choices)
        self.fields["schedule"].choices = any_choice + Schedule.choices_of(JOB_SCHEDULES)

    def filters(self) -> JobFilters:
        valid = self.is_valid()
        # Keep the valid fields of an otherwise invalid form.
        data = {k: v for k, v in self.cleaned_data.items() if valid or k not in self.errors}
        pay_from = data.get("pay_from") or None
        pay_unit = data.get("pay_unit") or ""
        if pay_from and not pay_unit:
            pay_unit = PayUnit.HOUR if pay_from < HOURLY_BELOW else PayUnit.YEAR
        posted = data.get("posted") or ""
        return JobFilters(
            q=(data.get("q") or "").strip(),
            skill=data.get("skill") or None,
            occupation=data.get("occupation") or None,
            work_setting=data.get("work_setting") or "",
            schedule=data.get("schedule") or "",
            pay_from=pay_from,
            pay_unit=pay_unit or PayUnit.HOUR,
            no_degree=bool(data.get("no_degree")),
            employer=(data.get("employer") or "").strip(),
            posted_within_days=int(posted) if posted else None,
            sort=data.get("sort") or "relevance",
        )
