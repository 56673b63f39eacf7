"""The schedules in the admin, per site: editors enter drafts, approvers publish (roles.py)."""

from django import forms
from django.contrib import admin, messages
from django.db import models

from editorial.role_admin import PublishActionsMixin, RoleAdminMixin
from multisite.current import site_of
from multisite.scoped_admin import SiteScopedAdmin
from workdays.calendar import WEEKDAYS

from . import services
from .models import ReceptionDay, ReceptionInfo, WorkEntry


class EntryAdmin(SiteScopedAdmin, PublishActionsMixin, RoleAdminMixin, admin.ModelAdmin):
    subject = "schedule"
    date_hierarchy = "day"
    list_filter = ["status"]
    publisher = services
    readonly_fields = ["status", "published_at", "adjusted_at", "created_by"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}

    @admin.display(description="thứ", ordering="day")
    def weekday(self, obj):
        return WEEKDAYS[obj.day.weekday()]

    def save_model(self, request, obj, form, change):
        services.mark_changes(obj, request.user, form.changed_data if change else ())
        super().save_model(request, obj, form, change)


@admin.register(WorkEntry)
class WorkEntryAdmin(EntryAdmin):
    list_display = ["day", "weekday", "start", "end", "content", "leader_names", "status",
                    "adjusted_at"]  # fmt: skip
    search_fields = ["content", "venue", "participants"]
    fields = ["day", "start", "end", "leaders", "content", "venue", "participants",
              "preparing_unit", "note", *EntryAdmin.readonly_fields]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("leaders")

    @admin.display(description="lãnh đạo")
    def leader_names(self, obj):
        return ", ".join(person.name for person in obj.leaders.all())

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        field.queryset = field.queryset.order_by("-is_active", "order", "name")
        return field


@admin.register(ReceptionDay)
class ReceptionDayAdmin(EntryAdmin):
    list_display = ["day", "weekday", "start", "end", "host", "status", "published_at",
                    "notice_deadline"]  # fmt: skip
    fields = ["day", "start", "end", "host", "venue", "note", "notice_deadline",
              *EntryAdmin.readonly_fields]  # fmt: skip
    readonly_fields = [*EntryAdmin.readonly_fields, "notice_deadline"]
    list_select_related = ["host"]

    @admin.display(description="hạn công bố")
    def notice_deadline(self, obj):
        if obj is None or obj.day is None:
            return "—"
        return f"{services.notice_deadline(obj):%d/%m/%Y}"

    def _warn(self, request):
        warning = services.reception_warning(site_of(request))
        if warning is not None:
            self.message_user(request, warning.message, messages.WARNING)

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            self._warn(request)
        return super().changelist_view(request, extra_context)

    def response_post_save_change(self, request, obj):
        self._warn(request)
        return super().response_post_save_change(request, obj)

    def response_post_save_add(self, request, obj):
        self._warn(request)
        return super().response_post_save_add(request, obj)


@admin.register(ReceptionInfo)
class ReceptionInfoAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    manage_action = "schedule.publish"
    list_display = ["place", "updated_at"]
    fields = ["place", "hours", "rules"]

    def has_add_permission(self, request, *args):
        exists = ReceptionInfo.objects.filter(site=site_of(request)).exists()
        return not exists and super().has_add_permission(request, *args)
