from django.contrib import admin

from .models import Occupation, Skill, SkillCategory


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
