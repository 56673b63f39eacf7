"""The audit log: every change made in the admin (Django's LogEntry), browsable, never editable."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils.html import format_html


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    list_display = ["action_time", "user", "action", "content_type", "object_link", "summary"]
    list_filter = ["action_flag", "content_type", "user"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
    fields = [
        "action_time", "user", "content_type", "object_id", "object_repr", "action_flag",
        "change_message",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="hành động", ordering="action_flag")
    def action(self, obj):
        return obj.get_action_flag_display()

    @admin.display(description="đối tượng", ordering="object_repr")
    def object_link(self, obj):
        url = obj.get_admin_url() if not obj.is_deletion() else ""
        return format_html('<a href="{}">{}</a>', url, obj.object_repr) if url else obj.object_repr

    @admin.display(description="nội dung thay đổi")
    def summary(self, obj):
        return obj.get_change_message()

    # The record of who changed what is written by the admin itself and never rewritten.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
