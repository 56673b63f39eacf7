"""The audit log: every change made in the admin (Django's LogEntry), browsable, never editable."""

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.db.models import Q
from django.utils.html import format_html

from multisite.current import site_of

from .models import AuditEntry

ACTIONS = {ADDITION: "Thêm mới", CHANGE: "Sửa", DELETION: "Xóa"}


def titled(filter_class, title):
    """A field's list filter under a Vietnamese title (the field's own label is Django's)."""
    return type(f"Titled{filter_class.__name__}", (filter_class,), {"title": title})


class ActionFilter(admin.SimpleListFilter):
    title = "hành động"
    parameter_name = "hanh_dong"

    def lookups(self, request, model_admin):
        return [(str(flag), label) for flag, label in ACTIONS.items()]

    def queryset(self, request, queryset):
        # Only the offered values: anything else (typed into the address) filters nothing.
        offered = {str(flag): flag for flag in ACTIONS}
        flag = offered.get(self.value())
        return queryset.filter(action_flag=flag) if flag is not None else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["time", "who", "action", "kind", "target", "summary"]
    list_filter = [
        ActionFilter,
        ("content_type", titled(admin.RelatedOnlyFieldListFilter, "loại đối tượng")),
        ("user", titled(admin.RelatedOnlyFieldListFilter, "người thực hiện")),
    ]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
    fields = ["time", "who", "action", "kind", "object_id", "target", "summary"]
    readonly_fields = fields

    def get_queryset(self, request):
        """On a site's host: that site's changes, and the platform's (users, sites, calendar)."""
        here = Q(audit_site__site=site_of(request)) | Q(audit_site__isnull=True)
        return super().get_queryset(request).filter(here)

    @admin.display(description="thời gian", ordering="action_time")
    def time(self, obj):
        return obj.action_time

    @admin.display(description="người thực hiện", ordering="user__username")
    def who(self, obj):
        return obj.user

    @admin.display(description="hành động", ordering="action_flag")
    def action(self, obj):
        return ACTIONS.get(obj.action_flag, obj.action_flag)

    @admin.display(description="loại đối tượng")
    def kind(self, obj):
        return obj.content_type.name if obj.content_type else "—"

    @admin.display(description="đối tượng", ordering="object_repr")
    def target(self, obj):
        url = "" if obj.is_deletion() else obj.get_admin_url()
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
