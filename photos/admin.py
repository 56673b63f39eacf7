from django.contrib import admin
from django.utils.html import format_html

from editorial.role_admin import RoleAdminMixin

from . import pipeline
from .library import pickable_photos
from .models import Photo


def thumbnail(file, width):
    """A small preview from the thumbnail rendition (never the full photo)."""
    if not file or not width:
        return "—"
    url = file.storage.url(pipeline.rendition_name(file.name, min(pipeline.THUMBNAIL, width)))
    return format_html('<img src="{}" alt="" style="max-height:80px;max-width:120px">', url)


class PhotoPickerMixin:
    """For an admin (or inline) whose form links library photos: the form field accepts only
    what the picker offers (pickable_photos), whatever a raw POST sends."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Photo:
            kwargs["queryset"] = pickable_photos(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Photo)
class PhotoAdmin(RoleAdminMixin, admin.ModelAdmin):
    """The library: browse by date, search by caption, alt text or file name, reuse anywhere.

    Shared by the whole editorial board (editorial/roles.py): every member uploads and picks
    any photo; the uploader or an approver corrects its caption; a superuser deletes.
    """

    subject = "photo"

    list_display = ["preview", "__str__", "width", "height", "uploaded_by", "created_at"]
    list_display_links = ["preview", "__str__"]
    search_fields = ["caption", "alt", "image"]
    date_hierarchy = "created_at"
    list_per_page = 40
    list_select_related = ["uploaded_by"]
    fields = ["preview", "image", "caption", "alt", "address", "uploaded_by", "created_at"]
    readonly_fields = ["preview", "address", "uploaded_by", "created_at"]

    @admin.display(description="xem trước")
    def preview(self, obj):
        return thumbnail(obj.image, obj.width)

    @admin.display(description="địa chỉ ảnh (lớn)")
    def address(self, obj):
        if not obj.pk or not obj.width:
            return "—"
        return obj.rendition_url(pipeline.LARGE)

    def get_search_results(self, request, queryset, search_term):
        """The autocomplete of a photo picker offers what the form will accept."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            results = results.filter(pk__in=pickable_photos(request.user).values("pk"))
        return results, duplicates

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
