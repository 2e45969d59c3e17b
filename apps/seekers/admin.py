"""Staff see profiles, skills and resume metadata. Demographics are not registered on
purpose: they are used only in aggregate reports (totals of 10 people or more), so no
individual's answers are browsable, even by staff. Resume files are never linked here: the
private storage has no public URL."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.skills.admin import ChoiceSetFilter
from apps.skills.vocabulary import AVAILABILITY, Schedule, WorkSetting

from .models import Resume, SeekerProfile, SeekerSkill


class WorkSettingsFilter(ChoiceSetFilter):
    title = _("where they want to work")
    parameter_name = "work_settings"
    members = WorkSetting.choices


class AvailabilityFilter(ChoiceSetFilter):
    title = _("when they can work or study")
    parameter_name = "availability"
    members = Schedule.choices_of(AVAILABILITY)


class SeekerSkillInline(admin.TabularInline):
    model = SeekerSkill
    extra = 0
    fields = ["skill", "level", "verified", "verified_by", "verified_at"]
    readonly_fields = ["verified", "verified_by", "verified_at"]
    autocomplete_fields = ["skill"]


class ResumeInline(admin.StackedInline):
    model = Resume
    extra = 0
    max_num = 1
    can_delete = False
    fields = ["original_name", "size", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SeekerProfile)
class SeekerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "zip_code", "discoverable", "updated_at"]
    list_filter = ["discoverable", WorkSettingsFilter, AvailabilityFilter, "education"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "headline"]
    raw_id_fields = ["user"]
    filter_horizontal = ["target_occupations"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [SeekerSkillInline, ResumeInline]
    list_select_related = ["user"]
