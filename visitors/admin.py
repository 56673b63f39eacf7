from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from editorial.permissions import can
from editorial.role_admin import RoleAdminMixin
from multisite.current import site_of
from news.templatetags.portal import vi_number

from . import counter
from .charts import charts
from .figures import with_figures
from .models import DailyStats, MonthlyStats, SiteFigures, VisitorTotals


class ReadOnlyAdmin(admin.ModelAdmin):
    """Figures are made by the counter; people read them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ThisSiteAdmin(ReadOnlyAdmin):
    """The figures of the site this admin runs on (its host) only, read by its administrators
    ("stats.view") and the superuser; nobody edits them."""

    def has_module_permission(self, request):
        return can(request.user, "stats.view", site=site_of(request))

    def has_view_permission(self, request, obj=None):
        return can(request.user, "stats.view", obj, site=site_of(request))

    def get_queryset(self, request):
        return super().get_queryset(request).filter(site=site_of(request))


@admin.register(DailyStats)
class DailyStatsAdmin(ThisSiteAdmin):
    list_display = ["day", "visits", "page_views"]
    date_hierarchy = "day"
    change_list_template = "admin/visitors/dailystats/change_list.html"

    def changelist_view(self, request, extra_context=None):
        clock = counter.current().clock
        extra_context = {
            **(extra_context or {}),
            "charts": charts(site_of(request).pk, clock.local_day(clock.now())),
        }
        return super().changelist_view(request, extra_context)


@admin.register(MonthlyStats)
class MonthlyStatsAdmin(ThisSiteAdmin):
    list_display = ["month", "visits", "page_views"]


@admin.register(VisitorTotals)
class VisitorTotalsAdmin(RoleAdminMixin, admin.ModelAdmin):
    """The baseline from the old site, of the site this admin runs on; only its managers (and
    superusers) may change it."""

    manage_action = "site.manage"

    fields = ["baseline", "visits", "total"]
    readonly_fields = ["visits", "total"]

    @admin.display(description="tất cả (con số hiển thị)")
    def total(self, obj):
        return vi_number(obj.total)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(site=site_of(request))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        counter.current().forget_stats(obj.site_id)  # "Tất cả" shows the new baseline now

    def changelist_view(self, request, extra_context=None):
        totals = VisitorTotals.objects.get_or_create(site=site_of(request))[0]
        return redirect(reverse("admin:visitors_visitortotals_change", args=[totals.pk]))


def _figure(name, label):
    """A column of the platform table: one of the annotated numbers, sortable."""

    @admin.display(description=label, ordering=name)
    def column(self, obj):
        return vi_number(getattr(obj, name))

    return column


@admin.register(SiteFigures)
class SiteFiguresAdmin(ReadOnlyAdmin):
    """The platform's table: every site's four numbers side by side, for the superuser only
    (DESIGN.md "Sites"). One query whatever the history's size: each figure is an index range
    of its site (platform.with_figures)."""

    list_display = ["site_name", "domain", "online", "today", "week", "total", "baseline"]
    list_display_links = None
    search_fields = ["domain", "profile__site_name", "profile__code"]
    list_per_page = 200

    def get_ordering(self, request):
        return ["-total", "domain"]  # annotations: not allowed in `ordering` itself

    def get_queryset(self, request):
        clock = counter.current().clock
        sites = with_figures(self.model._default_manager.select_related("profile"), clock)
        return sites.order_by(*self.get_ordering(request))

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    @admin.display(description="trang", ordering="profile__site_name")
    def site_name(self, obj):
        return obj.profile.site_name

    @admin.display(description="tên miền", ordering="domain")
    def domain(self, obj):
        return obj.domain

    online = _figure("online", "đang online")
    today = _figure("today", "hôm nay")
    week = _figure("week", "trong tuần")
    total = _figure("total", "tất cả")
    baseline = _figure("baseline", "từ trang cũ")
