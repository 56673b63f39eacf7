from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from editorial.admin import ArticleWorkflowAdmin, QuickViewFilter

from .models import Article, ArticleImage, Category, SiteIdentity


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "show_in_menu"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name"]


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 1
    fields = ["preview", "photo", "caption", "alt", "order"]
    readonly_fields = ["preview"]

    @admin.display(description="xem trước")
    def preview(self, obj):
        if obj.pk and obj.photo:
            return format_html('<img src="{}" alt="" style="max-height:60px">', obj.photo.url)
        return "—"


@admin.register(Article)
class ArticleAdmin(ArticleWorkflowAdmin):  # roles, approval, versions: see editorial/
    list_display = [
        "cover_thumb", "title", "category", "workflow_status", "published_at", "created_by",
        "is_featured", "view_count",
    ]  # fmt: skip
    list_display_links = ["cover_thumb", "title"]
    list_filter = [
        QuickViewFilter, "status", "category", ("created_by", admin.RelatedOnlyFieldListFilter),
        "published_at", "is_featured",
    ]  # fmt: skip
    search_fields = ["title", "lead", "author_line"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["documents"]
    inlines = [ArticleImageInline]
    list_select_related = ["category", "created_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body", "author_line"]}),
        ("Ảnh đại diện", {"fields": ["cover", "cover_caption", "cover_alt"]}),
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
class SiteIdentityAdmin(admin.ModelAdmin):
    """One row: the changelist opens it directly; it can be neither added twice nor deleted."""

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
