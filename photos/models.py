from django.conf import settings
from django.db import models

from multisite.models import SiteContent

from . import pipeline
from .fields import PhotoField


class PhotoQuerySet(models.QuerySet):
    def search(self, text):
        """Photos whose caption, alt text or file name contain `text` (case-insensitive)."""
        return self.filter(
            models.Q(caption__icontains=text)
            | models.Q(alt__icontains=text)
            | models.Q(image__icontains=text)
        )


class Photo(SiteContent):
    """A photo of a site's library: uploaded once, reused by its articles, covers and editor."""

    image = PhotoField(
        "ảnh", upload_to="photos/%Y/%m/", width_field="width", height_field="height",
        help_text="JPEG, PNG, WebP hoặc GIF; tối đa 20 MB và 50 megapixel. Thông tin vị trí (GPS) "
        "trong ảnh được xóa khi lưu.",
    )  # fmt: skip
    width = models.PositiveIntegerField("rộng", null=True, editable=False)
    height = models.PositiveIntegerField("cao", null=True, editable=False)
    caption = models.CharField("chú thích", max_length=500, blank=True)
    alt = models.CharField(
        "mô tả ảnh (alt)", max_length=300, blank=True,
        help_text="Mô tả nội dung ảnh cho người không xem được ảnh.",
    )  # fmt: skip
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tải lên", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    created_at = models.DateTimeField("ngày tải lên", auto_now_add=True, db_index=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = "ảnh"
        verbose_name_plural = "thư viện ảnh"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["site", "-created_at"], name="photo_site_idx")]

    def __str__(self):
        label = self.caption or self.alt or self.image.name.rpartition("/")[2]
        return f"{label} ({self.width}×{self.height})" if self.width else label

    def rendition_url(self, width):
        name = pipeline.rendition_name(self.image.name, min(width, self.width))
        return self.image.storage.url(name)
