from django.contrib import admin

from editorial.role_admin import RoleAdminMixin

from .models import Link, Page


@admin.register(Page)
class PageAdmin(RoleAdminMixin, admin.ModelAdmin):
    """The pages speak for the whole unit: whoever manages the site (a superuser) edits them."""

    manage_action = "site.manage"

    list_display = ["title", "kind", "order", "is_published", "updated_at"]
    list_editable = ["order", "is_published"]
    search_fields = ["title"]
    fields = ["title", "slug", "kind", "body", "order", "is_published"]

    def get_readonly_fields(self, request, obj=None):
        # A page's kind is set when it is created (the required ones by the site itself, new
        # ones are ordinary); the privacy page also keeps its fixed address.
        if obj is not None and obj.kind == Page.Kind.PRIVACY:
            return ["kind", "slug"]
        return ["kind"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_required:
            return False  # the law asks for them: unpublish instead
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # would bypass the per-page rule above
        return actions


@admin.register(Link)
class LinkAdmin(RoleAdminMixin, admin.ModelAdmin):
    manage_action = "site.manage"
    list_display = ["name", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "url"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # "travinh.gov.vn" means https://travinh.gov.vn
        return super().formfield_for_dbfield(db_field, request, **kwargs)
