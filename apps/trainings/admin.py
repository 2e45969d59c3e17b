"""Staff's view of trainings in the Django admin (staff with MFA only).

Edits here skip the provider's forms, so the admin keeps the search document in step and
shows enrollment history read-only (status changes belong to services.change_status).
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Cohort, Enrollment, EnrollmentEvent, Program
from .services import cohort_date_errors, notify_class_moved, refresh_search


class CohortAdminForm(forms.ModelForm):
    """The class-date rules the provider's form and services.save_cohort keep, here too."""

    class Meta:
        model = Cohort
        fields = ["program", "start_date", "end_date", "enrollment_deadline", "seats", "location"]

    def clean(self):
        cleaned = super().clean()
        saved = Cohort.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        errors = cohort_date_errors(
            start=cleaned.get("start_date"),
            end=cleaned.get("end_date"),
            deadline=cleaned.get("enrollment_deadline"),
            saved=saved,
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class CohortInline(admin.TabularInline):
    model = Cohort
    form = CohortAdminForm
    extra = 0
    fields = ["start_date", "end_date", "enrollment_deadline", "seats", "location"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "status", "format", "schedule", "cohort_count"]
    list_filter = ["status", "format", "schedule", "language", "wioa_eligible"]
    search_fields = ["title", "summary", "provider__name"]
    list_select_related = ["provider"]
    autocomplete_fields = ["provider", "skills", "occupations"]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    inlines = [CohortInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cohort_count=Count("cohorts"))

    @admin.display(description=_("class dates"), ordering="cohort_count")
    def cohort_count(self, obj):
        return obj.cohort_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search(form.instance)


class EnrollmentEventInline(admin.TabularInline):
    model = EnrollmentEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "from_status", "to_status", "actor", "note", "early_reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    form = CohortAdminForm
    list_display = ["program", "start_date", "end_date", "enrollment_deadline", "seats"]
    list_filter = ["start_date"]
    search_fields = ["program__title", "program__provider__name", "location"]
    list_select_related = ["program"]
    autocomplete_fields = ["program"]
    date_hierarchy = "start_date"

    def save_model(self, request, obj, form, change):
        old_start = form.initial.get("start_date") if change else None
        super().save_model(request, obj, form, change)
        if old_start and old_start != obj.start_date:
            notify_class_moved(cohort=obj, old_start=old_start)


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["seeker", "cohort", "status", "credential_earned", "created_at"]
    list_filter = ["status"]
    search_fields = ["seeker__email", "cohort__program__title"]
    list_select_related = ["seeker", "cohort__program"]
    raw_id_fields = ["seeker", "cohort"]
    # Status changes go through services.change_status (history, notifications, skills).
    readonly_fields = ["status", "credential_earned", "created_at", "updated_at"]
    inlines = [EnrollmentEventInline]
