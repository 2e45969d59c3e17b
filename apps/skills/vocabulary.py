"""The one vocabulary of logistics that seekers, jobs and programs share.

Where the work or class happens (`WorkSetting`), when (`Schedule`) and on what terms
(`EmploymentType`) are defined here once, with their English and Spanish labels; seekers,
employers and trainings store these values and nothing else, so matching can compare a
seeker, a job and a program on the same codes.

Not every member suits every use, so each use names the members it offers (in the order its
form shows them), while the codes, labels and bits stay the ones defined here:

- a job's schedule is one of `JOB_SCHEDULES`; a program's one of `PROGRAM_SCHEDULES`;
- a seeker's availability is a set drawn from `AVAILABILITY` (day, evening, night, weekend:
  times a person can be free; flexible, rotating and self-paced describe a posting, not a
  person). A posting whose schedule is in `FITS_ANY_AVAILABILITY` suits every seeker.
- a job's work setting and a program's format are each one `WorkSetting`; a program shows
  them with its own words (`PROGRAM_FORMAT_LABELS`: in person, hybrid, online);
- a seeker's work settings are a set of them (all three means "any").

How a set is stored: a bitmask in one small integer column (`ChoiceSetField`).
Each member's bit is `1 << its position in the class`, so members are only ever appended,
never reordered or removed (tests pin every bit). Why not the alternatives:

- ArrayField exists only on PostgreSQL, and the embedded default (`make run`) runs on SQLite;
- JSONField `contains` isn't available on SQLite, and a JSON list is costly to compare;
- a child table (profile, value) works everywhere but costs a join or an EXISTS per
  comparison, an extra row per value to write and seed, and a prefetch to display.

A bitmask is one column in the row already read; "does this seeker's availability include
the job's schedule" is `availability & bit <> 0`, the same SQL on PostgreSQL and SQLite, with
no join. `has_any` is that lookup (`SeekerProfile.objects.filter(availability__has_any=...)`),
and `bit_of("job__schedule", Schedule)` turns a single-valued column into its bit inside SQL,
so a seeker × job comparison stays one set-based query (see tests/skills/test_vocabulary.py).
"""

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Lookup, Value, When
from django.db.models.query_utils import DeferredAttribute
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class VocabularyChoices(models.TextChoices):
    """TextChoices whose members also have a bit, so a set of them fits in one integer."""

    @property
    def bit(self) -> int:
        return 1 << list(type(self)).index(self)

    @classmethod
    def mask(cls, values: Iterable) -> int:
        """The bitmask of some members (or their codes); unknown codes raise ValueError."""
        mask = 0
        for value in values:
            mask |= cls(value).bit
        return mask

    @classmethod
    def from_mask(cls, mask: int) -> "ChoiceSet":
        return ChoiceSet(member for member in cls if mask & member.bit)

    @classmethod
    def choices_of(cls, members: Iterable, labels: dict | None = None) -> list:
        """(code, label) pairs of some members, in the order given."""
        labels = labels or {}
        return [(cls(m).value, labels.get(cls(m), cls(m).label)) for m in members]


class ChoiceSet(frozenset):
    """An immutable set of vocabulary members that iterates in the vocabulary's order."""

    def __iter__(self):
        return iter(sorted(super().__iter__(), key=lambda member: member.bit))

    @property
    def labels(self) -> list:
        return [member.label for member in self]


class WorkSetting(VocabularyChoices):
    ONSITE = "onsite", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


# How a program names the same settings (a class is "online", not "remote").
PROGRAM_FORMAT_LABELS = {
    WorkSetting.ONSITE: _("In person"),
    WorkSetting.HYBRID: _("Hybrid"),
    WorkSetting.REMOTE: _("Online"),
}


class Schedule(VocabularyChoices):
    DAY = "day", _("Daytime")
    EVENING = "evening", _("Evenings")
    NIGHT = "night", _("Nights")
    WEEKEND = "weekend", _("Weekends")
    ROTATING = "rotating", _("Rotating shifts")
    FLEXIBLE = "flexible", _("Flexible")
    SELF_PACED = "self_paced", _("Self-paced")


JOB_SCHEDULES = (
    Schedule.DAY,
    Schedule.EVENING,
    Schedule.NIGHT,
    Schedule.WEEKEND,
    Schedule.ROTATING,
    Schedule.FLEXIBLE,
)
PROGRAM_SCHEDULES = (Schedule.DAY, Schedule.EVENING, Schedule.WEEKEND, Schedule.SELF_PACED)
AVAILABILITY = (Schedule.DAY, Schedule.EVENING, Schedule.NIGHT, Schedule.WEEKEND)
FITS_ANY_AVAILABILITY = (Schedule.FLEXIBLE, Schedule.SELF_PACED)


class EmploymentType(VocabularyChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    CONTRACT = "contract", _("Contract")
    TEMPORARY = "temporary", _("Temporary")
    INTERNSHIP = "internship", _("Internship")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")


def values_of(members: Iterable) -> list:
    """The codes of some members, for a CheckConstraint (`schedule__in=...`)."""
    return [str(member.value) for member in members]


def bit_of(field: str, vocabulary: type[VocabularyChoices]) -> Case:
    """SQL for the bit of a single-valued column (0 for an unknown code)."""
    return Case(
        *[When(**{field: member.value}, then=Value(member.bit)) for member in vocabulary],
        default=Value(0),
        output_field=IntegerField(),
    )


# ---------------------------------------------------------------------------
# A set of members in one column
# ---------------------------------------------------------------------------
class _ChoiceSetAttribute(DeferredAttribute):
    """Whatever is assigned (codes, members, a mask) reads back as a ChoiceSet."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = self.field.to_python(value)


class ChoiceSetFormField(forms.TypedMultipleChoiceField):
    """Checkboxes for a set of vocabulary members; shows a ChoiceSet as its codes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, vocabulary, **kwargs):
        kwargs.setdefault("coerce", vocabulary)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, frozenset):
            return [str(member.value) for member in value]
        return value


class ChoiceSetField(models.PositiveSmallIntegerField):
    """A set of `vocabulary` members, stored as their bitmask; `allowed` lists those offered.

    The Python value is a ChoiceSet of members; assign any iterable of codes or members.
    Add a CheckConstraint with `<name>__within=<allowed>` so the database refuses other bits.
    """

    descriptor_class = _ChoiceSetAttribute
    description = "A set of choices (stored as a bitmask)"

    def __init__(self, *args, vocabulary=None, allowed=None, **kwargs):
        self.vocabulary = vocabulary
        self.allowed = tuple(values_of(vocabulary(v) for v in (allowed or vocabulary)))
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["vocabulary"] = self.vocabulary
        kwargs["allowed"] = list(self.allowed)
        return name, path, args, kwargs

    def to_python(self, value):
        if value is None or isinstance(value, ChoiceSet):
            return value
        if isinstance(value, str) and value.isdigit():
            value = int(value)  # a serialized mask (dumpdata / loaddata)
        if isinstance(value, int):
            return self.vocabulary.from_mask(value)
        if isinstance(value, str):
            value = [value]
        try:
            return ChoiceSet(self.vocabulary(v) for v in value)
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Choose from the list."), code="invalid_choice") from error

    def from_db_value(self, value, expression, connection):
        return None if value is None else self.vocabulary.from_mask(value)

    def get_prep_value(self, value):
        if value is None or hasattr(value, "resolve_expression"):
            return value
        if isinstance(value, int):
            return value
        return self.vocabulary.mask(self.to_python(value))

    def get_default(self):
        return self.to_python(super().get_default())

    def value_to_string(self, obj):
        return str(self.get_prep_value(self.value_from_object(obj)))

    def validate(self, value, model_instance):
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")
        if value and not set(value) <= set(self.allowed):
            raise ValidationError(_("Choose from the list."), code="invalid_choice")

    def run_validators(self, value):
        # The integer validators (range) don't apply to a set; `validate` checks the members.
        pass

    def formfield(self, **kwargs):
        defaults = {
            "vocabulary": self.vocabulary,
            "choices": self.vocabulary.choices_of(self.allowed),
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
        }
        # The admin offers its number input to every IntegerField: a set needs checkboxes.
        widget = kwargs.get("widget")
        if widget is not None and not getattr(widget, "allow_multiple_selected", False):
            del kwargs["widget"]
        defaults.update(kwargs)
        for ignored in ("form_class", "choices_form_class"):
            defaults.pop(ignored, None)
        return ChoiceSetFormField(**defaults)


class _MaskLookup(Lookup):
    prepare_rhs = False

    def get_prep_lookup(self):
        if hasattr(self.rhs, "resolve_expression"):
            return self.rhs
        return self.lhs.output_field.get_prep_value(self.rhs)


@ChoiceSetField.register_lookup
class HasAny(_MaskLookup):
    """`field__has_any=<members, codes, a mask or an expression>`: the sets share a member."""

    lookup_name = "has_any"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} & {rhs}) <> 0", (*lhs_params, *rhs_params)


@ChoiceSetField.register_lookup
class Within(_MaskLookup):
    """`field__within=<members>`: every member of the set is one of these (for constraints)."""

    lookup_name = "within"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} | {rhs}) = {rhs}", (*lhs_params, *rhs_params, *rhs_params)
