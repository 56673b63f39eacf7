"""The gallery in the admin, per site: editors enter albums and upload videos as drafts,
approvers publish them (editorial/roles.py, "gallery.*")."""

from django.contrib import admin, messages

from editorial.role_admin import RoleAdminMixin, RoleInlineMixin
from multisite.scoped_admin import SiteScopedAdmin, SiteScopedInline
from photos.admin import PhotoPickerMixin, thumbnail

from . import services
from .models import Album, AlbumPhoto, Video


class GalleryAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "gallery"
    date_hierarchy = "day"
    list_filter = ["status"]
    search_fields = ["title", "description"]
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ["status", "published_at", "created_by"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # A published address never changes (links to it are out there).
        return [*fields, "slug"] if obj is not None and obj.is_published else fields

    def has_publish_permission(self, request):
        return self._can(request, "publish")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Công bố các mục đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = services.publish(queryset)
        self.message_user(request, f"Đã công bố {count} mục.", messages.SUCCESS)

    @admin.action(description="Chuyển các mục đã chọn về bản nháp (gỡ khỏi trang)",
                  permissions=["publish"])  # fmt: skip
    def unpublish_selected(self, request, queryset):
        count = services.unpublish(queryset)
        self.message_user(request, f"Đã chuyển {count} mục về bản nháp.", messages.SUCCESS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Django's bulk delete skips the per-item rule (an editor's own drafts only).
        if not self._can(request, "delete"):
            actions.pop("delete_selected", None)
        return actions


class AlbumPhotoInline(SiteScopedInline, PhotoPickerMixin, RoleInlineMixin, admin.TabularInline):
    """The album's photos: pick from the site's photo library, or upload (it joins the library)."""

    subject = "gallery"
    model = AlbumPhoto
    extra = 3
    fields = ["preview", "photo", "library_photo", "caption", "alt", "order"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["library_photo"]

    @admin.display(description="xem trước")
    def preview(self, obj):
        return thumbnail(obj.photo, obj.width) if obj.pk else "—"


@admin.register(Album)
class AlbumAdmin(PhotoPickerMixin, GalleryAdmin):
    list_display = ["title", "day", "status", "published_at", "created_by"]
    fields = ["title", "slug", "day", "description", "cover", *GalleryAdmin.readonly_fields]
    autocomplete_fields = ["cover"]
    inlines = [AlbumPhotoInline]
    list_select_related = ["created_by"]


@admin.register(Video)
class VideoAdmin(GalleryAdmin):
    list_display = ["poster_preview", "title", "day", "kind", "status", "published_at"]
    list_display_links = ["poster_preview", "title"]
    fields = ["title", "slug", "day", "description", "file", "poster", "subtitles",
              *GalleryAdmin.readonly_fields]  # fmt: skip

    @admin.display(description="poster")
    def poster_preview(self, obj):
        return thumbnail(obj.poster, obj.poster_width)
