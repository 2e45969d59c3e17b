"""Goals in the Django admin: read-only. Staff set up and change goals in the portal
(/staff/goals/), where the window is checked and the snapshots are recomputed; snapshots
are computed by tasks, never typed in."""

from django.contrib import admin

from .models import Goal, GoalSnapshot


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ["name", "target", "start", "end"]


@admin.register(GoalSnapshot)
class GoalSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["goal", "day", "people", "jobs_filled", "status", "revision", "computed_at"]
    list_filter = ["goal"]
    date_hierarchy = "day"
    exclude = ["data"]
