from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from editorial.role_admin import RoleAdminMixin

from .current import site_of
from .models import SiteProfile


@admin.register(SiteProfile)
class SiteIdentityAdmin(RoleAdminMixin, admin.ModelAdmin):
    """ "Thông tin trang": the identity of the site this admin runs on (its host). One row: the
    list opens it directly; it is neither added nor deleted here."""

    manage_action = "site.manage"
    fieldsets = [
        (None, {"fields": ["site_name", "name_line_1", "name_line_2", "managing_unit", "address"]}),
        ("Người chịu trách nhiệm", {"fields": ["responsible_person", "responsible_role"]}),
        ("Liên hệ", {"fields": ["phone", "fax", "email"]}),
        ("Chân trang", {"fields": ["attribution_note", "credit_line"]}),
        ("Hình ảnh", {"fields": ["logo", "banner"]}),
        ("Bản đồ", {"fields": ["map_image", "map_alt"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk=site_of(request).pk)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect(reverse("admin:multisite_siteprofile_change", args=[site_of(request).pk]))
