from django import forms
from django.contrib import admin, messages
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from editorial.role_admin import RoleAdminMixin

from . import services
from .current import site_of, site_origin
from .models import SiteProfile
from .scoped_admin import SiteScopedAdmin

# Django's own SiteAdmin edits a bare domain and name; sites are made and listed here instead.
admin.site.unregister(Site)


@admin.register(SiteProfile)
class SiteIdentityAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect(reverse("admin:multisite_siteprofile_change", args=[site_of(request).pk]))


class NewSiteForm(forms.ModelForm):
    """ "Tạo trang mới": a domain, a name, a parent; the rest is made by create_site."""

    site_name = forms.CharField(
        label="Tên trang", max_length=200,
        help_text="Ví dụ: Trang thông tin điện tử xã Hòa Lợi",
    )  # fmt: skip
    parent = forms.ModelChoiceField(
        label="Trang cấp trên", required=False,
        queryset=Site.objects.filter(profile__parent__isnull=True, profile__isnull=False),
        help_text="Cổng thông tin của tỉnh, nếu đây là trang thành phần của một xã, phường.",
    )  # fmt: skip
    code = forms.SlugField(
        label="Mã trang", required=False, max_length=50,
        help_text="Để trống để lấy từ tên miền. Ví dụ: hoa-loi (thử nghiệm tại "
        "http://hoa-loi.localhost:8000/).",
    )  # fmt: skip

    class Meta:
        model = Site
        fields = ["domain"]
        labels = {"domain": "Tên miền"}
        help_texts = {"domain": "Ví dụ: hoaloi.vinhlong.gov.vn (không có http://)."}

    def _post_clean(self):
        """Validated by creating it (in a transaction the admin's view holds): one rule, in
        multisite.services."""
        if self.errors:
            return
        data = self.cleaned_data
        try:
            with transaction.atomic():
                self.instance = services.create_site(
                    data["domain"], data["site_name"], data.get("parent"), data.get("code")
                )
        except ValidationError as error:
            self._update_errors(error)

    def save(self, commit=True):
        return self.instance

    def save_m2m(self):
        pass


class SiteStructureInline(admin.StackedInline):
    """A site's place among the sites: code (fixed once made), parent, default flag."""

    model = SiteProfile
    fk_name = "site"
    fields = ["code", "parent", "is_default"]
    readonly_fields = ["code"]
    can_delete = False
    verbose_name = verbose_name_plural = "Vị trí của trang"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Site.objects.filter(profile__parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PlatformAdminMixin(RoleAdminMixin):
    manage_action = "platform.manage"  # in no role: the platform superuser's alone


@admin.register(Site)
class SitesAdmin(PlatformAdminMixin, admin.ModelAdmin):
    """ "Các trang": every site of the installation, for the platform superuser. "Tạo trang mới"
    creates one with its identity, required pages and starter categories (multisite.services);
    each site's own settings and content are edited in the admin on its own host."""

    list_display = ["domain", "unit", "code", "parent", "is_default"]
    list_select_related = ["profile", "profile__parent"]
    search_fields = ["domain", "profile__site_name", "profile__code"]
    ordering = ["domain"]
    inlines = [SiteStructureInline]

    def get_actions(self, request):
        # Django's Vietnamese "Xóa các %(verbose_name_plural)s" over "các trang web" would say
        # "các các".
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (function, name, "Xóa các trang web đã chọn")
        return actions

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = NewSiteForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["domain", "site_name", "parent", "code"] if obj is None else ["domain", "name"]

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def save_model(self, request, obj, form, change):
        if change:
            obj.domain = obj.domain.strip().lower()
            super().save_model(request, obj, form, change)
        elif not services.is_allowed_host(obj.domain):
            messages.warning(
                request,
                f"Tên miền {obj.domain} chưa có trong ALLOWED_HOSTS của máy chủ: trang đã được "
                "tạo nhưng sẽ chỉ trả lời sau khi thêm tên miền này (hoặc *.tên-miền-tỉnh) vào "
                "ALLOWED_HOSTS và khởi động lại dịch vụ.",
            )

    def has_delete_permission(self, request, obj=None):
        default = obj is not None and SiteProfile.objects.filter(pk=obj.pk, is_default=True)
        return super().has_delete_permission(request, obj) and not (default and default.exists())

    @admin.display(description="tên trang", ordering="profile__site_name")
    def unit(self, site):
        return site.profile.site_name

    @admin.display(description="mã", ordering="profile__code")
    def code(self, site):
        return site.profile.code

    @admin.display(description="trang cấp trên")
    def parent(self, site):
        return site.profile.parent or "—"

    @admin.display(description="mặc định", boolean=True)
    def is_default(self, site):
        return site.profile.is_default

    def get_list_display(self, request):
        @admin.display(description="quản trị")
        def open_admin(site):  # on the site's own host, as this request reaches it
            url = site_origin(site, request) + reverse("admin:index")
            return format_html('<a href="{}">Mở trang quản trị</a>', url)

        return [*super().get_list_display(request), open_admin]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(profile__isnull=False)
