"""Users in the admin: Vietnamese names in their order, roles on sites instead of raw
permissions. Imported by editorial/admin.py, which Django's admin discovers.

The platform superuser manages every user and gives roles on any site. A site's administrator
(Quản trị trang, "site.members") manages that site's members only, on its host: it sees users
who hold a role there (never a superuser), adds users as members of its site, and changes
their roles there. It changes a member's account (names, e-mail, password, active, staff) only
when the member belongs to no other site, and never makes anyone a superuser.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404

from multisite.current import site_of
from multisite.models import Membership

from .people import full_name
from .permissions import can

NAME_LABELS = {
    "last_name": ("Họ và tên đệm", "Ví dụ: Nguyễn Thị"),
    "first_name": ("Tên", "Ví dụ: Lan"),
}
ROLE_HELP = (
    "Biên tập viên: viết, sửa bản nháp của mình, tải ảnh, gửi duyệt. Duyệt bài: thêm sửa bài "
    "của mọi người, xuất bản, hẹn giờ, gỡ bài, trả lại, quản lý văn bản. Quản trị trang: "
    "chuyên mục, trang tĩnh, thông tin trang, liên kết và thành viên của trang. Người chưa có "
    "vai trò nào chỉ đăng nhập được, không làm được gì. Quyền của từng vai trò do phần mềm quy "
    "định."
)
ACCOUNT_FIELDS = ["username", "last_name", "first_name", "email", "is_active", "is_staff"]


def manages_members(request):
    return can(request.user, "site.members", site=site_of(request))


def only_member_here(request, user):
    """The user belongs to this site alone: its administrator may change the account itself."""
    # Asked of the table, not of user.memberships: the list prefetches this site's roles only.
    elsewhere = Membership.objects.filter(user=user).exclude(site_id=site_of(request).pk)
    return not elsewhere.exists()


class MembershipInline(admin.TabularInline):
    """The user's roles: on every site for the superuser; on this site for its administrator."""

    model = Membership
    fields = ["site", "role"]
    extra = 0
    verbose_name = "vai trò"
    verbose_name_plural = "Vai trò trên các trang"

    def get_queryset(self, request):
        memberships = super().get_queryset(request).select_related("site__profile")
        if request.user.is_superuser:
            return memberships
        return memberships.filter(site=site_of(request))

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0

    def get_min_num(self, request, obj=None, **kwargs):
        # A site's administrator adds members of its site: a user without a role there would
        # vanish from its list at once.
        return 0 if request.user.is_superuser or obj is not None else 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            sites = Site.objects.filter(profile__isnull=False).select_related("profile")
            if not request.user.is_superuser:
                sites = sites.filter(pk=site_of(request).pk)
            kwargs["queryset"] = sites.order_by("profile__code")
            kwargs["initial"] = site_of(request).pk
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda site: f"{site.profile.site_name} ({site.domain})"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        field = super().formfield_for_choice_field(db_field, request, **kwargs)
        if db_field.name == "role":
            field.help_text = ROLE_HELP
        return field

    def has_view_permission(self, request, obj=None):
        return manages_members(request)

    def has_add_permission(self, request, obj=None):
        return manages_members(request)

    def has_change_permission(self, request, obj=None):
        return manages_members(request)

    def has_delete_permission(self, request, obj=None):
        return manages_members(request)


class UserRolesAdmin(UserAdmin):
    """Names as a Vietnamese reader writes them; a role on a site is chosen, never a raw
    permission (what a role may do is data in editorial/roles.py)."""

    list_display = ["username", "name", "email", "roles", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_active"]
    search_fields = ["username", "last_name", "first_name", "email"]
    ordering = ["last_name", "first_name", "username"]
    inlines = [MembershipInline]
    filter_horizontal = []

    def get_fieldsets(self, request, obj=None):
        account = ["is_active", "is_staff"]
        if request.user.is_superuser:
            account.append("is_superuser")
        if obj is None:
            names = {"classes": ["wide"], "fields": ["last_name", "first_name", "email"]}
            login = ["username", "usable_password", "password1", "password2"]
            fieldsets = [(None, {"classes": ["wide"], "fields": login})]
            fieldsets.append(("Thông tin cá nhân", names))
            if request.user.is_superuser:
                fieldsets.append(("Tài khoản", {"classes": ["wide"], "fields": ["is_staff"]}))
            return fieldsets
        return [
            (None, {"fields": ["username", "password"]}),
            ("Thông tin cá nhân", {"fields": ["last_name", "first_name", "email"]}),
            ("Tài khoản", {"fields": account}),
            ("Những ngày quan trọng", {"fields": ["last_login", "date_joined"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = ["last_login", "date_joined"]
        if obj is not None and not self.may_edit_account(request, obj):
            fields += [*ACCOUNT_FIELDS, "password"]
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in NAME_LABELS and field is not None:
            field.label, field.help_text = NAME_LABELS[db_field.name]
        return field

    def get_queryset(self, request):
        users = super().get_queryset(request)
        memberships = Membership.objects.select_related("site__profile")
        if request.user.is_superuser:
            return users.prefetch_related(Prefetch("memberships", memberships))
        site = site_of(request)
        here = Membership.objects.filter(user=OuterRef("pk"), site_id=site.pk)
        users = users.filter(Exists(here), is_superuser=False)
        # Its roles here only: what the member does on other sites is theirs to know.
        return users.prefetch_related(Prefetch("memberships", memberships.filter(site=site)))

    def get_object(self, request, object_id, from_field=None):
        user = super().get_object(request, object_id, from_field)
        if user is None:  # not a member of this site, or nobody: the same answer
            raise Http404("Không có người dùng này trên trang này.")
        return user

    # --- who may do what: the superuser everywhere; a site's administrator, its members -------
    def has_module_permission(self, request):
        return request.user.is_superuser or manages_members(request)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return manages_members(request) and (obj is None or not obj.is_superuser)

    def has_delete_permission(self, request, obj=None):
        # A user may be another site's member too: only the platform removes an account; a
        # site's administrator removes the member's roles here, or deactivates its own member.
        return request.user.is_superuser

    def may_edit_account(self, request, user):
        return request.user.is_superuser or (
            not user.is_superuser and only_member_here(request, user)
        )

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, id)
        if user is not None and not self.may_edit_account(request, user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.is_superuser = False  # never from a site's administrator, whatever is posted
            if not change:
                obj.is_staff = True  # a member works in the admin
        super().save_model(request, obj, form, change)

    @admin.display(description="họ và tên", ordering="last_name")
    def name(self, obj):
        return full_name(obj) or "—"

    @admin.display(description="vai trò")
    def roles(self, obj):
        if obj.is_superuser:
            return "Quản trị toàn hệ thống"
        memberships = obj.memberships.all()  # prefetched
        return (
            "; ".join(f"{m.get_role_display()} ({m.site.profile.site_name})" for m in memberships)
            or "—"
        )


admin.site.unregister(User)
admin.site.register(User, UserRolesAdmin)
# Roles are memberships on sites (multisite.Membership): groups grant nothing, so they are not
# offered.
admin.site.unregister(Group)
