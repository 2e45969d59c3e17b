"""Form fields for the shared vocabulary, labelled in the reader's language."""

from django import forms
from django.forms.boundfield import BoundField
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .models import Occupation, Skill
from .text import fold


def group_by_category(bound_field) -> list[dict]:
    """A skills field's checkboxes by category (in the taxonomy's order), labels sorted."""
    groups = []
    for choice in bound_field:
        category = choice.data["value"].instance.category
        if not groups or groups[-1]["category"].pk != category.pk:
            groups.append({"category": category, "choices": [], "selected": 0})
        groups[-1]["choices"].append(choice)
        groups[-1]["selected"] += bool(choice.data["selected"])
    for group in groups:
        group["choices"].sort(key=lambda c: fold(str(c.choice_label)))
    return groups


class SkillsBoundField(BoundField):
    """The picker's parts: the skills chosen, then every other skill by category."""

    @cached_property
    def chosen(self):
        chosen = [choice for choice in self if choice.data["selected"]]
        return sorted(chosen, key=lambda c: fold(str(c.choice_label)))

    @cached_property
    def groups(self):
        groups = []
        for group in group_by_category(self):
            group["choices"] = [c for c in group["choices"] if not c.data["selected"]]
            if group["choices"]:
                groups.append(group)
        return groups


class SkillsField(forms.ModelMultipleChoiceField):
    """Skills as the searchable picker of templates/skills/_skills_field.html: the chosen ones,
    a search in English or Spanish (aliases too), and every skill by category to browse."""

    bound_field_class = SkillsBoundField
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "queryset",
            Skill.objects.select_related("category").order_by(
                "category__position", "category__name_en", "name_en"
            ),
        )
        kwargs.setdefault("template_name", "skills/_skills_field.html")
        super().__init__(**kwargs)
        self.error_messages["invalid_choice"] = _(
            "One of the skills chosen is not in the list. Reload the page and choose again."
        )
        self.error_messages["invalid_pk_value"] = self.error_messages["invalid_choice"]

    def label_from_instance(self, obj):
        return obj.label


class OccupationsField(forms.ModelMultipleChoiceField):
    """Several occupations, labelled in the reader's language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Occupation.objects.filter(is_tech=True).order_by("soc_code"))
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return obj.label


class OccupationField(forms.ModelChoiceField):
    """One occupation, labelled in the reader's language."""

    def label_from_instance(self, obj):
        return obj.label
