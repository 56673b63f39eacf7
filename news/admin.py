from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from editorial.admin import ArticleWorkflowAdmin, AuthorFilter, QuickViewFilter
from editorial.role_admin import RoleAdminMixin, RoleInlineMixin
from multisite.scoped_admin import SiteScopedAdmin, SiteScopedInline
from photos.admin import PhotoPickerMixin, thumbnail

from .models import Article, ArticleAttachment, ArticleImage, Category


@admin.register(Category)
class CategoryAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    manage_action = "site.manage"
    list_display = ["name", "parent", "order", "show_in_menu", "is_notice"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "is_notice", "parent"]
    search_fields = ["name"]


class ArticleImageInline(SiteScopedInline, PhotoPickerMixin, RoleInlineMixin, admin.TabularInline):
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


class AttachmentFormSet(BaseInlineFormSet):
    """A post without this inline's rows (a form opened before the inline existed, a script
    that posts the article's fields) means "no change to the attachments", not a broken form."""

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        prefix = prefix or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        super().__init__(data, *args, prefix=prefix, **kwargs)


class ArticleAttachmentInline(SiteScopedInline, RoleInlineMixin, admin.TabularInline):
    """Files of a notice, an invitation, a meeting (issue 19), checked by documents.validators."""

    subject = "article"
    model = ArticleAttachment
    formset = AttachmentFormSet
    extra = 1
    fields = ["title", "file", "order"]


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
    inlines = [ArticleImageInline, ArticleAttachmentInline]
    list_select_related = ["category", "created_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body", "author_line"]}),
        ("Ảnh đại diện", {"fields": ["cover", "cover_photo", "cover_caption", "cover_alt"]}),
        ("Bộ ảnh", {"fields": ["gallery_title", "gallery_after"]}),
        ("Văn bản trích dẫn", {"fields": ["documents"]}),
        # Attachments (the inline below) and notice_until: notices, invitations (issue 19).
        (
            "Xuất bản",
            {
                "fields": [
                    "status",
                    "published_at",
                    "expires_at",
                    "notice_until",
                    "is_featured",
                    "view_count",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "view_count"]
        if obj is not None and obj.slug_frozen:
            fields.append("slug")  # published once: its URL never changes
        return fields
