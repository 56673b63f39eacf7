"""Users in the admin (superusers only): Vietnamese names in their order, roles instead of
raw permissions. Imported by editorial/admin.py, which Django's admin discovers."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User

from .people import full_name
from .roles import ROLES

NAME_LABELS = {
    "last_name": ("Họ và tên đệm", "Ví dụ: Nguyễn Thị"),
    "first_name": ("Tên", "Ví dụ: Lan"),
}
ROLE_HELP = (
    "Biên tập viên: viết, sửa bản nháp của mình, tải ảnh, gửi duyệt. Duyệt bài: thêm sửa bài "
    "của mọi người, xuất bản, hẹn giờ, gỡ bài, trả lại, quản lý văn bản. Người chưa có vai trò "
    "nào chỉ đăng nhập được, không làm được gì. Quyền của từng vai trò do phần mềm quy định."
)


class UserRolesAdmin(UserAdmin):
    """Names as a Vietnamese reader writes them; a role is chosen, never a raw permission
    (what a role may do is data in editorial/roles.py; per-user permissions would bypass it)."""

    list_display = ["username", "name", "email", "roles", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["username", "last_name", "first_name", "email"]
    ordering = ["last_name", "first_name", "username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Thông tin cá nhân", {"fields": ["last_name", "first_name", "email"]}),
        ("Vai trò", {"fields": ["is_active", "is_staff", "groups", "is_superuser"]}),
        ("Những ngày quan trọng", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "usable_password", "password1",
                                                "password2"]}),
        ("Thông tin cá nhân", {"classes": ["wide"], "fields": ["last_name", "first_name",
                                                               "email"]}),
        ("Vai trò", {"classes": ["wide"], "fields": ["is_staff", "groups"]}),
    ]  # fmt: skip
    filter_horizontal = []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in NAME_LABELS:
            field.label, field.help_text = NAME_LABELS[db_field.name]
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=ROLES).order_by("name")
            kwargs["widget"] = forms.CheckboxSelectMultiple
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            field.label, field.help_text = "Vai trò", ROLE_HELP
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="họ và tên", ordering="last_name")
    def name(self, obj):
        return full_name(obj) or "—"

    @admin.display(description="vai trò")
    def roles(self, obj):
        if obj.is_superuser:
            return "Quản trị toàn trang"
        return ", ".join(sorted(g.name for g in obj.groups.all() if g.name in ROLES)) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


admin.site.unregister(User)
admin.site.register(User, UserRolesAdmin)
# Roles are data (editorial/roles.py) and migrate resets each role's permissions: a page that
# edits a group's permissions would only mislead. Users get their role on their own page.
admin.site.unregister(Group)
