"""The gallery in the admin, per site: editors enter albums and upload videos as drafts,
approvers publish them (editorial/roles.py, "gallery.*")."""

from django.contrib import admin

from editorial.role_admin import PublishActionsMixin, RoleAdminMixin, RoleInlineMixin
from multisite.scoped_admin import SiteScopedAdmin, SiteScopedInline
from photos.admin import PhotoPickerMixin, thumbnail

from . import services
from .models import Album, AlbumPhoto, Video


class GalleryAdmin(SiteScopedAdmin, PublishActionsMixin, RoleAdminMixin, admin.ModelAdmin):
    subject = "gallery"
    date_hierarchy = "day"
    list_filter = ["status"]
    search_fields = ["title", "description"]
    publisher = services
    readonly_fields = ["status", "published_at", "created_by"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # A published address never changes (links to it are out there).
        return [*fields, "slug"] if obj is not None and obj.is_published else fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


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
