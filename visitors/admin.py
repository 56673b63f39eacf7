from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from editorial.role_admin import RoleAdminMixin
from news.templatetags.portal import vi_number

from . import counter
from .charts import charts
from .models import DailyStats, MonthlyStats, VisitorTotals


class ReadOnlyAdmin(admin.ModelAdmin):
    """Figures are made by the counter; people read them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DailyStats)
class DailyStatsAdmin(ReadOnlyAdmin):
    list_display = ["day", "visits", "page_views"]
    date_hierarchy = "day"
    change_list_template = "admin/visitors/dailystats/change_list.html"

    def changelist_view(self, request, extra_context=None):
        clock = counter.current().clock
        extra_context = {
            **(extra_context or {}),
            "charts": charts(clock.local_day(clock.now())),
        }
        return super().changelist_view(request, extra_context)


@admin.register(MonthlyStats)
class MonthlyStatsAdmin(ReadOnlyAdmin):
    list_display = ["month", "visits", "page_views"]


@admin.register(VisitorTotals)
class VisitorTotalsAdmin(RoleAdminMixin, admin.ModelAdmin):
    """The baseline from the old site; only superusers may change it."""

    manage_action = "site.manage"

    fields = ["baseline", "visits", "total"]
    readonly_fields = ["visits", "total"]

    @admin.display(description="tất cả (con số hiển thị)")
    def total(self, obj):
        return vi_number(obj.total)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        totals = VisitorTotals.objects.get_or_create(code="main")[0]
        return redirect(reverse("admin:visitors_visitortotals_change", args=[totals.pk]))
