from django.contrib import admin

from editorial.role_admin import RoleAdminMixin

from .calendar import WEEKDAYS
from .models import DayException


@admin.register(DayException)
class DayExceptionAdmin(RoleAdminMixin, admin.ModelAdmin):
    """One table for the whole installation, so only the platform's superusers edit it."""

    manage_action = "calendar.manage"  # in no role: the platform superuser's alone

    list_display = ["day", "weekday", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    search_fields = ["name"]

    @admin.display(description="thứ", ordering="day")
    def weekday(self, obj):
        return WEEKDAYS[obj.day.weekday()]
