"""Forms for the seeker's profile steps, skill picker, resume and voluntary demographics.

They validate and say what is wrong; the writes happen in `services` (views call one each).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import first_error  # noqa: F401 - used by views
from apps.skills.forms import OccupationsField
from apps.skills.models import Occupation, Skill
from apps.skills.vocabulary import AVAILABILITY, ChoiceSetFormField, Schedule, WorkSetting

from . import services
from .models import (
    Answer,
    Education,
    EducationAnswer,
    Race,
    SeekerProfile,
    Sex,
    SkillLevel,
)

BIRTH_YEAR_MIN = 1920
BIRTH_YEAR_MAX = 2015


class ProfileStepForm(forms.ModelForm):
    """A step of the profile: `service_kwargs()` is what `services.update_profile` needs."""

    def service_kwargs(self) -> dict:
        return {"fields": {name: self.cleaned_data[name] for name in self._meta.fields}}


class AboutForm(ProfileStepForm):
    class Meta:
        model = SeekerProfile
        fields = ["headline", "zip_code"]
        labels = {"headline": _("Headline"), "zip_code": _("ZIP code")}
        help_texts = {"zip_code": _("5 digits, for example 79901. We use it to find nearby jobs.")}
        widgets = {
            "zip_code": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": "postal-code",
                    "maxlength": 5,
                }
            )
        }


class PreferencesForm(ProfileStepForm):
    work_settings = ChoiceSetFormField(
        vocabulary=WorkSetting,
        label=_("Where do you want to work?"),
        choices=WorkSetting.choices,
        help_text=_("Check all that apply."),
        error_messages={"required": _("Choose at least one: on site, hybrid or remote.")},
    )
    commute_miles = forms.IntegerField(
        label=_("How far can you travel to work or class? (miles)"),
        required=False,
        min_value=0,
        max_value=150,
        help_text=_("Leave it empty if distance does not matter. At most 150 miles."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 3}),
        error_messages={
            "max_value": _("Enter a distance of 150 miles or less."),
            "min_value": _("Enter a distance of 0 miles or more."),
            "invalid": _("Enter a whole number of miles, for example 20."),
        },
    )
    availability = ChoiceSetFormField(
        vocabulary=Schedule,
        label=_("When can you work or study?"),
        choices=Schedule.choices_of(AVAILABILITY),
        required=False,
        help_text=_("Check all that apply."),
    )

    class Meta:
        model = SeekerProfile
        fields = ["work_settings", "commute_miles", "availability"]


class GoalsForm(ProfileStepForm):
    target_occupations = OccupationsField(
        label=_("Which tech jobs do you want?"),
        queryset=Occupation.objects.filter(is_tech=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose as many as you like. We use them to suggest jobs and trainings."),
        error_messages={"invalid_choice": _("Choose jobs from the list.")},
    )

    class Meta:
        model = SeekerProfile
        fields = ["target_occupations"]

    def service_kwargs(self) -> dict:
        return {"fields": {}, "occupations": list(self.cleaned_data["target_occupations"])}


class VisibilityForm(ProfileStepForm):
    education = forms.ChoiceField(
        label=_("What is the highest level of school you finished?"),
        choices=[("", _("Choose one"))] + list(Education.choices),
        required=False,
        help_text=_("Many employers in this program hire for skills, not degrees."),
    )

    class Meta:
        model = SeekerProfile
        fields = ["education", "discoverable"]
        labels = {"discoverable": _("Let approved employers find my profile")}


# ---------------------------------------------------------------------------
# Skill picker
# ---------------------------------------------------------------------------
class SkillSearchForm(forms.Form):
    q = forms.CharField(label=_("Search for a skill"), required=False, max_length=100, strip=True)


class SkillAddForm(forms.Form):
    skill = forms.ModelChoiceField(
        queryset=Skill.objects.all(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose a skill from the search results."),
            "invalid_choice": _(
                "We could not find this skill. Search again and choose one from the list."
            ),
        },
    )
    level = forms.TypedChoiceField(
        label=_("Your level"),
        choices=SkillLevel.choices,
        coerce=int,
        error_messages={
            "required": _("Choose your level."),
            "invalid_choice": _("Choose a level from 1 (beginner) to 4 (expert)."),
        },
    )


# ---------------------------------------------------------------------------
# Resume
# ---------------------------------------------------------------------------
class ResumeForm(forms.Form):
    file = forms.FileField(
        label=_("Your resume (PDF, up to 5 MB)"),
        allow_empty_file=True,  # services.check_pdf says "This file is empty." itself
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "required": _("Choose a PDF file to upload."),
            "invalid": _("Choose a PDF file to upload."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        services.check_pdf(upload)  # by content, not by name
        return upload


# ---------------------------------------------------------------------------
# Demographics (voluntary)
# ---------------------------------------------------------------------------
def _answer(label, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=Answer.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"invalid_choice": _("Choose one of the answers.")},
    )


class DemographicsForm(forms.Form):
    """Every question may be skipped, or answered “Prefer not to say”."""

    veteran = _answer(_("Have you served in the U.S. armed forces?"))
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=BIRTH_YEAR_MIN,
        max_value=BIRTH_YEAR_MAX,
        help_text=_("4 digits, for example 1995."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": 4, "autocomplete": "bday-year"}
        ),
        error_messages={
            "min_value": _("Enter a year between 1920 and 2015."),
            "max_value": _("Enter a year between 1920 and 2015."),
            "invalid": _("Enter a year between 1920 and 2015."),
        },
    )
    birth_year_withheld = forms.BooleanField(
        label=_("I prefer not to give my year of birth"), required=False
    )
    long_term_unemployed = _answer(
        _("Have you been out of work for 27 weeks (about 6 months) or more?")
    )
    education = forms.ChoiceField(
        label=_("What is the highest level of school you finished?"),
        choices=EducationAnswer.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the answers.")},
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=Sex.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the answers.")},
    )
    hispanic_latino = _answer(_("Are you Hispanic or Latino?"))
    race = forms.MultipleChoiceField(
        label=_("What is your race?"),
        choices=Race.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Check all that apply."),
        error_messages={"invalid_choice": _("Choose races from the list.")},
    )

    @classmethod
    def initial_from(cls, demographics) -> dict:
        if demographics is None:
            return {}
        return {
            "veteran": demographics.veteran,
            "birth_year": demographics.birth_year,
            "birth_year_withheld": demographics.birth_year_withheld,
            "long_term_unemployed": demographics.long_term_unemployed,
            "education": demographics.education,
            "sex": demographics.sex,
            "hispanic_latino": demographics.hispanic_latino,
            "race": demographics.race,
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("birth_year") and cleaned.get("birth_year_withheld"):
            self.add_error(
                "birth_year",
                _("Give your year of birth or choose not to give it, not both."),
            )
        race = cleaned.get("race") or []
        if Race.PREFER_NOT in race and len(race) > 1:
            self.add_error("race", _("Choose one or more races, or “Prefer not to say”, not both."))
        return cleaned

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)
