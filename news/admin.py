from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from editorial.admin import ArticleWorkflowAdmin, AuthorFilter, QuickViewFilter
from editorial.role_admin import RoleAdminMixin, RoleInlineMixin
from photos.admin import PhotoPickerMixin, thumbnail

from .models import Article, ArticleImage, Category, SiteIdentity


@admin.register(Category)
class CategoryAdmin(RoleAdminMixin, admin.ModelAdmin):
    manage_action = "site.manage"
    list_display = ["name", "parent", "order", "show_in_menu"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name"]


class ArticleImageInline(PhotoPickerMixin, RoleInlineMixin, admin.TabularInline):
    """The gallery: upload a photo, or pick one already in the photo library (issue 5)."""

    subject = "article"
    model = ArticleImage
    extra = 1
    fields = ["preview", "photo", "library_photo", "caption", "alt", "order"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["library_photo"]

    @admin.display(description="xem trước")
    def preview(self, obj):
        return thumbnail(obj.photo, obj.width) if obj.pk else "—"


@admin.register(Article)
# Roles, approval, versions: see editorial/; which library photos a form accepts: photos/.
class ArticleAdmin(PhotoPickerMixin, ArticleWorkflowAdmin):
    list_display = [
        "cover_thumb", "title", "category", "workflow_status", "author", "publication",
        "view_count",
    ]  # fmt: skip
    list_display_links = ["cover_thumb", "title"]
    list_filter = [
        QuickViewFilter, "status", "category", ("created_by", AuthorFilter),
        "published_at", "is_featured",
    ]  # fmt: skip
    search_fields = ["title", "lead", "author_line"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["documents", "cover_photo"]
    inlines = [ArticleImageInline]
    list_select_related = ["category", "created_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body", "author_line"]}),
        ("Ảnh đại diện", {"fields": ["cover", "cover_photo", "cover_caption", "cover_alt"]}),
        ("Bộ ảnh", {"fields": ["gallery_title", "gallery_after"]}),
        ("Văn bản trích dẫn", {"fields": ["documents"]}),
        (
            "Xuất bản",
            {"fields": ["status", "published_at", "expires_at", "is_featured", "view_count"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "view_count"]
        if obj is not None and obj.slug_frozen:
            fields.append("slug")  # published once: its URL never changes
        return fields


@admin.register(SiteIdentity)
class SiteIdentityAdmin(RoleAdminMixin, admin.ModelAdmin):
    """One row: the changelist opens it directly; it can be neither added twice nor deleted."""

    manage_action = "site.manage"

    fieldsets = [
        (None, {"fields": ["site_name", "managing_unit", "address"]}),
        ("Người chịu trách nhiệm", {"fields": ["responsible_person", "responsible_role"]}),
        ("Liên hệ", {"fields": ["phone", "fax", "email"]}),
        ("Chân trang", {"fields": ["attribution_note", "credit_line"]}),
        ("Bản đồ", {"fields": ["map_image", "map_alt"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        identity = SiteIdentity.objects.current()
        return redirect(reverse("admin:news_siteidentity_change", args=[identity.pk]))
