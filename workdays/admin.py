from django.contrib import admin

from pages.admin import SuperuserOnlyAdmin

from .calendar import WEEKDAYS
from .models import DayException


@admin.register(DayException)
class DayExceptionAdmin(SuperuserOnlyAdmin):
    """One table for the whole installation, so only the platform's superusers edit it."""

    list_display = ["day", "weekday", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    search_fields = ["name"]

    @admin.display(description="thứ", ordering="day")
    def weekday(self, obj):
        return WEEKDAYS[obj.day.weekday()]
