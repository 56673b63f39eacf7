from django.apps import AppConfig


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = "Thư viện ảnh, video"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial.permissions import OWNERSHIP
        from pagecache.version import watch

        from .models import Album, AlbumPhoto, Video, is_own_draft

        watch(Album, AlbumPhoto, Video)
        # An editor changes and deletes what they entered while it is a draft
        # ("gallery.change_own" in editorial/roles.py); the rule lives beside the models.
        OWNERSHIP[Album] = is_own_draft
        OWNERSHIP[AlbumPhoto] = is_own_draft
        OWNERSHIP[Video] = is_own_draft
