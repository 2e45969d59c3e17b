"""Forms for the applicant pipeline and the talent search. They check what people send, with
messages people can act on, before services.move_application / bulk_move / add_note see it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TextareaField
from apps.skills.forms import group_by_category
from apps.skills.models import Occupation, Skill

from .models import ApplicationStatus, RejectionReason

# Where an employer can move an applicant. "Withdrawn" is the seeker's own decision and
# "submitted" is where every application starts: neither is the employer's to choose.
EMPLOYER_TARGETS = [
    (status, label)
    for status, label in ApplicationStatus.choices
    if status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN)
]
MAX_NOTE = 5000
MAX_BULK = 500
MAX_TALENT_SKILLS = 10
PG_INT_MAX = 2**31 - 1


# Moves that can't be undone and so are confirmed first. ("Not selected" asks for a reason.)
NEEDS_CONFIRMATION = {ApplicationStatus.HIRED}


class MoveForm(forms.Form):
    """One move of one applicant: the new status, and the reason when not selecting them."""

    RETURN_CHOICES = [("applicant", "applicant"), ("pipeline", "pipeline")]
    confirm_message = _(
        "Marking someone hired can't be undone, so it needs your confirmation: press "
        "“Mark hired”, then confirm on the next page."
    )

    to = forms.ChoiceField(
        label=_("Move to"),
        choices=EMPLOYER_TARGETS,
        error_messages={
            "required": _("Choose where to move this applicant."),
            "invalid_choice": _("“%(value)s” is not a stage you can move an applicant to."),
        },
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("Choose a reason")), *RejectionReason.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose the reason from the list.")},
    )
    # Which page sent the form (and gets the applicant back): never a URL, so never off-site.
    return_to = forms.ChoiceField(choices=RETURN_CHOICES, required=False)
    # "Hired" can't be undone: that move needs this, sent by the confirmation page's button
    # (or, for several applicants, a ticked box).
    confirm = forms.BooleanField(required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to") in NEEDS_CONFIRMATION and not cleaned.get("confirm"):
            self.add_error("confirm", self.confirm_message)
        if cleaned.get("to") == ApplicationStatus.REJECTED and not cleaned.get("reason"):
            if "reason" not in self.errors:
                self.add_error("reason", _("Choose the reason from the list."))
        elif cleaned.get("to") and cleaned.get("to") != ApplicationStatus.REJECTED:
            cleaned["reason"] = ""  # a reason goes only with "not selected"
        return cleaned


class IdListField(forms.Field):
    """Several row ids from checkboxes with the same name."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Choose at least one applicant."),
        "invalid": _("The list of applicants is not valid. Reload the page and try again."),
        "too_many": _("Choose at most %(max)s applicants at a time."),
    }

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        try:
            ids = {int(item) for item in value}
        except (TypeError, ValueError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if any(not 0 < pk <= PG_INT_MAX for pk in ids):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(ids) > MAX_BULK:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": MAX_BULK}
            )
        return sorted(ids)


class BulkMoveForm(MoveForm):
    """The same move for several applicants of one job."""

    applications = IdListField()
    return_to = None
    confirm_message = _(
        "Marking people hired can't be undone: tick the box to confirm, then press "
        "“Move the selected” again."
    )


class NoteForm(forms.Form):
    text = TextareaField(
        label=_("Add a note for your team"),
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write the note first."),
            "max_length": _(
                "Keep the note to %(limit_value)d characters or fewer (it has %(show_value)d)."
            ),
        },
    )


class SkillFilterField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class OccupationFilterField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class TalentSearchForm(forms.Form):
    """Search discoverable profiles by skills (all of them) and, optionally, a target job."""

    skills = SkillFilterField(
        label=_("Skills"),
        queryset=Skill.objects.select_related("category").order_by(
            "category__position", "category__name_en", "name_en"
        ),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People shown have every skill you choose."),
        error_messages={
            "invalid_choice": _("“%(value)s” is not a skill in the list."),
            "invalid_pk_value": _("“%(pk)s” is not a skill in the list."),
        },
    )
    occupation = OccupationFilterField(
        label=_("Job they want"),
        queryset=Occupation.objects.filter(is_tech=True).order_by("soc_code"),
        to_field_name="soc_code",
        required=False,
        empty_label=_("Any job"),
        error_messages={"invalid_choice": _("Choose a job from the list.")},
    )

    def clean_skills(self):
        skills = self.cleaned_data["skills"]
        if len(skills) > MAX_TALENT_SKILLS:
            raise ValidationError(
                _("Choose at most %(max)s skills."), params={"max": MAX_TALENT_SKILLS}
            )
        return skills

    def skill_groups(self):
        """The skill checkboxes by category, for the talent search's accordion."""
        return group_by_category(self["skills"])
