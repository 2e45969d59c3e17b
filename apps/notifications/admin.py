from django.contrib import admin

from .models import Digest, Notification, Preference, Suppression


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "email", "status", "attempts", "created_at", "sent_at", "read_at"]
    list_filter = ["status", "category", "kind"]
    search_fields = ["email", "dedupe_key"]
    raw_id_fields = ["recipient", "digest"]
    readonly_fields = ["dedupe_key", "claimed_at", "sent_at", "attempts", "last_error"]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["user", "period", "period_start", "status", "sent_at"]
    list_filter = ["period", "status"]
    raw_id_fields = ["user"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "category", "frequency", "updated_at"]
    list_filter = ["category", "frequency"]
    raw_id_fields = ["user"]


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at"]
    search_fields = ["email"]
