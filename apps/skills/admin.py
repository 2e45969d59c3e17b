from django.contrib import admin

from .models import Occupation, Skill, SkillCategory


class ChoiceSetFilter(admin.SimpleListFilter):
    """Filter a ChoiceSetField (apps/skills/vocabulary.py): rows whose set has the member.

    Subclasses set `title`, `parameter_name` (the field's name) and `members`, the
    (code, label) pairs offered.
    """

    members: list = []

    def lookups(self, request, model_admin):
        return self.members

    def queryset(self, request, queryset):
        value = self.value()
        if value not in {code for code, _label in self.members}:
            return queryset
        return queryset.filter(**{f"{self.parameter_name}__has_any": [value]})


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_es", "position"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_es", "category"]
    list_filter = ["category"]
    search_fields = ["name_en", "name_es", "search_text"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["soc_code", "title_en", "title_es", "is_tech"]
    list_filter = ["is_tech"]
    search_fields = ["soc_code", "title_en", "title_es"]
