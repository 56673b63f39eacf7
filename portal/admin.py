"""The menu and the home blocks in the admin: the site's administrator (Quản trị trang,
"site.manage") arranges them, on the site's own host only (SiteScopedAdmin)."""

from django import forms
from django.contrib import admin

from editorial.role_admin import RoleAdminMixin
from multisite.scoped_admin import SiteScopedAdmin

from .blocks import BLOCK_TYPES, available_types
from .menus import available_sections
from .models import HomeBlock, MenuItem


class MenuItemForm(forms.ModelForm):
    section = forms.ChoiceField(label="mục của cổng", required=False)

    class Meta:
        model = MenuItem
        fields = ["title", "parent", "kind", "category", "page", "section", "url", "order",
                  "is_active"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "---------"), *available_sections()]


@admin.register(MenuItem)
class MenuItemAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    manage_action = "site.manage"
    form = MenuItemForm
    list_display = ["__str__", "kind", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title", "url"]
    list_select_related = ["parent__parent", "category", "page"]  # each row's name reads them


class HomeBlockForm(forms.ModelForm):
    kind = forms.ChoiceField(label="loại khối")

    class Meta:
        model = HomeBlock
        fields = ["kind", "title", "category", "count", "order", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = available_types()
        self.fields["kind"].help_text = " ".join(
            f"{t.label}: {t.help}" for t in BLOCK_TYPES.values() if t.help and t.available
        )


@admin.register(HomeBlock)
class HomeBlockAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    manage_action = "site.manage"
    form = HomeBlockForm
    list_display = ["__str__", "kind_label", "category", "count", "order", "is_active"]
    list_select_related = ["category"]
    list_editable = ["order", "is_active"]

    @admin.display(description="loại khối", ordering="kind")
    def kind_label(self, obj):
        block_type = BLOCK_TYPES.get(obj.kind)
        if block_type is None or not block_type.available:
            return f"{obj.kind} (chưa cài đặt trên cổng: không hiển thị)"
        return block_type.label
