from django.contrib import admin

from editorial.role_admin import RoleAdminMixin
from multisite.scoped_admin import SiteScopedAdmin

from .models import Person


@admin.register(Person)
class PersonAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "person"
    list_display = ["name", "position", "unit", "is_spokesperson", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "position"]
    list_select_related = ["unit"]
    list_filter = ["is_active", "is_spokesperson", "is_information_focal", "unit"]
    fieldsets = [
        (None, {"fields": ["name", "position", "photo", "order", "is_active"]}),
        # Organisation and contacts (issue 19, part A).
        ("Giới thiệu, liên hệ", {"fields": [
            "unit", "biography", "duties", "official_phone", "official_email",
            "is_spokesperson", "is_information_focal",
        ]}),
        ("Tiếng Anh (trang /en/)", {"fields": ["position_en"]}),
    ]  # fmt: skip

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "unit":  # the tree's order, each unit under its parent
            field.queryset = field.queryset.order_by("path")
            field.label_from_instance = lambda unit: "— " * (unit.depth - 1) + unit.name
        return field
