"""Site notices in the admin: the site's administrator (Quản trị trang) schedules them."""

from django.conf import settings
from django.contrib import admin
from django.utils import timezone

from editorial.role_admin import RoleAdminMixin
from multisite.current import site_of
from multisite.scoped_admin import SiteScopedAdmin

from . import services
from .models import SiteNotice


@admin.register(SiteNotice)
class SiteNoticeAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "sitenotice"
    list_display = ["text_start", "level", "shown_from", "shown_until", "enabled", "shown_now"]
    list_filter = ["level", "enabled"]
    search_fields = ["text"]
    fieldsets = [
        (None, {"fields": ["level", "text", "enabled"]}),
        ("Thời gian hiển thị", {"fields": ["shown_from", "shown_until"]}),
        (
            "Tạm dừng hoạt động (bảo trì có kế hoạch, sự cố)",
            {
                "fields": ["maintenance_from", "recovery_at"],
                "description": (
                    "Bảo trì có kế hoạch phải được thông báo trước ít nhất "
                    f"{settings.MAINTENANCE_NOTICE_WORKING_DAYS:02d} ngày làm việc và ghi thời "
                    "điểm dự kiến hoạt động lại (Nghị định 224/2026/NĐ-CP, Điều 13). Sự cố "
                    "đột xuất được đăng ngay. Nội dung này cũng được ghi vào trang tĩnh mà máy "
                    "chủ web hiển thị khi ứng dụng tạm dừng."
                ),
            },
        ),
    ]

    @admin.display(description="nội dung")
    def text_start(self, obj):
        return obj.text[:80]

    @admin.display(description="đang hiển thị", boolean=True)
    def shown_now(self, obj):
        return obj.enabled and obj.shown_from <= timezone.now() < obj.shown_until

    def save_model(self, request, obj, form, change):
        if not change:
            obj.site = site_of(request)
        services.save_notice(obj)  # the write path: writes the static page once committed

    def delete_model(self, request, obj):
        services.delete_notice(obj)

    def delete_queryset(self, request, queryset):
        for notice in queryset:
            services.delete_notice(notice)
