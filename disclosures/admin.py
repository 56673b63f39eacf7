"""Công khai in the admin: disclosures (approvers) and the list of information that must be
public (the site's administrator), per site."""

from django.contrib import admin

from editorial.role_admin import RoleAdminMixin
from multisite.scoped_admin import SiteScopedAdmin

from . import services
from .forms import DisclosureAdminForm
from .models import Disclosure, RequiredItem


@admin.register(Disclosure)
class DisclosureAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "disclosure"
    form = DisclosureAdminForm
    list_display = ["__str__", "type", "stage", "year", "period", "published_at", "is_published"]
    list_filter = ["type", "year", "is_published"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["documents"]
    readonly_fields = ["slug"]
    fieldsets = [
        (None, {"fields": ["type", "stage", "year", "period", "month", "title", "summary"]}),
        ("Công bố", {"fields": ["published_at", "is_published", "slug"]}),
        ("Tệp (lưu trong thư viện văn bản)", {"fields": ["documents", "new_file", "new_symbol",
                                                           "new_doc_type", "new_issued_on",
                                                           "new_issuing_body"]}),
    ]  # fmt: skip

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # sets the chosen documents first
        if form.new_document is not None:
            services.attach_new_document(form.instance, form.new_document)


@admin.register(RequiredItem)
class RequiredItemAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    manage_action = "site.manage"  # the list is part of the site's set-up
    list_display = ["order", "title", "legal_basis", "target"]
    list_display_links = ["title"]
    list_editable = ["order"]
    search_fields = ["title", "legal_basis"]
    fields = ["order", "title", "legal_basis", "target", "custom_url", "note"]
