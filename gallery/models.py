"""Thư viện ảnh, video: public photo albums drawn from the photo library, and videos uploaded
to the portal itself (no third-party player or host).

Both follow the schedules' simple publication: editors enter drafts, approvers publish them
(editorial/roles.py, "gallery.*"); the public sees what is published, per site.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.text import unique_slug
from multisite.models import SiteContent
from photos import library, pipeline
from photos.fields import PhotoField

from . import checks
from .fields import SniffedFileField, subtitles_extension, video_extension

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]


class Status(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PUBLISHED = "published", "Đã công bố"


class GalleryQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: published items."""
        return self.filter(status=Status.PUBLISHED)


class GalleryItem(SiteContent):
    """What an album and a video share: a title, a slug of its own, a date and a status."""

    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField(
        "đường dẫn (không dấu)", max_length=120, blank=True,
        help_text="Để trống: tạo từ tiêu đề. Không đổi sau khi đã công bố.",
    )  # fmt: skip
    description = models.TextField("mô tả", blank=True)
    day = models.DateField("ngày", default=timezone.localdate, db_index=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    created_at = models.DateTimeField("nhập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    objects = GalleryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-day", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def save(self, *args, **kwargs):
        if not self.slug:  # a published item keeps its slug: an old address never breaks
            others = type(self)._default_manager.filter(site_id=self.site_id).exclude(pk=self.pk)
            self.slug = unique_slug(
                self.title, lambda s: others.filter(slug=s).exists(), fallback=self.SLUG_FALLBACK
            )
        super().save(*args, **kwargs)


def is_own_draft(user, item, verb):
    """An editor's own album or video, while it is a draft (editorial.permissions.OWNERSHIP)."""
    item = getattr(item, "album", item)  # an album's photo row follows its album
    return item.created_by_id == user.pk and item.status == Status.DRAFT


class Album(GalleryItem):
    SLUG_FALLBACK = "album"

    cover = models.ForeignKey(
        "photos.Photo", verbose_name="ảnh bìa", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text="Chọn trong thư viện ảnh. Để trống: ảnh đầu tiên của album.",
    )  # fmt: skip

    class Meta(GalleryItem.Meta):
        verbose_name = "album ảnh"
        verbose_name_plural = "album ảnh"
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="album_slug_per_site")]
        indexes = [models.Index(fields=["site", "status", "-day"], name="album_public_idx")]

    def get_absolute_url(self):
        return reverse("gallery:album", args=[self.slug])

    def clean(self):
        super().clean()
        if self.cover_id and self.cover.site_id != self.site_id:
            raise ValidationError({"cover": "Ảnh bìa phải thuộc thư viện ảnh của trang này."})


class AlbumPhoto(SiteContent):
    """A photo of an album, with its caption: picked from the library or uploaded into it."""

    album = models.ForeignKey(
        Album, verbose_name="album", on_delete=models.CASCADE, related_name="photos"
    )
    photo = PhotoField(
        "ảnh", upload_to="gallery/%Y/%m/", width_field="width", height_field="height",
        blank=True, validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
    )  # fmt: skip
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    library_photo = models.ForeignKey(
        "photos.Photo", verbose_name="hoặc chọn từ thư viện ảnh", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    caption = models.CharField("chú thích", max_length=500, blank=True)
    alt = models.CharField("mô tả ảnh (alt)", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "ảnh trong album"
        verbose_name_plural = "ảnh trong album"
        ordering = ["order", "id"]

    def __str__(self):
        return self.caption or self.alt

    def clean(self):
        album = getattr(self, "album", None)
        site_id = album.site_id if album is not None else self.site_id
        if self.library_photo_id and self.library_photo.site_id != site_id:
            raise ValidationError({"library_photo": "Ảnh phải thuộc thư viện ảnh của trang này."})
        library.clean_linked(self, "photo", "library_photo", "alt", "caption")

    def save(self, *args, **kwargs):
        self.site_id = self.album.site_id  # an album's photos are its site's
        with library.linked(self, "photo", "library_photo", "alt", "caption"):
            super().save(*args, **kwargs)


class Video(GalleryItem):
    SLUG_FALLBACK = "video"

    file = SniffedFileField(
        "tệp video", upload_to="videos/%Y/%m/", extension_of=video_extension,
        validators=[checks.check_video], max_length=200,
        help_text="MP4 (H.264) hoặc WebM; kiểm tra theo nội dung tệp. Dung lượng tối đa theo "
        "cấu hình VIDEO_MAX_UPLOAD_MB.",
    )  # fmt: skip
    kind = models.CharField("định dạng", max_length=10, editable=False)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0, editable=False)
    poster = PhotoField(
        "ảnh đại diện (poster)", upload_to="videos/%Y/%m/", width_field="poster_width",
        height_field="poster_height",
        help_text="Ảnh hiện trước khi phát: JPEG, PNG, WebP hoặc GIF.",
    )  # fmt: skip
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    subtitles = SniffedFileField(
        "phụ đề tiếng Việt (WebVTT)", upload_to="videos/%Y/%m/", blank=True, max_length=200,
        extension_of=subtitles_extension, validators=[checks.check_subtitles],
        help_text="Không bắt buộc. Tệp .vtt, bảng mã UTF-8, dòng đầu là “WEBVTT”.",
    )  # fmt: skip

    class Meta(GalleryItem.Meta):
        verbose_name = "video"
        verbose_name_plural = "video"
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="video_slug_per_site")]
        indexes = [models.Index(fields=["site", "status", "-day"], name="video_public_idx")]

    def get_absolute_url(self):
        return reverse("gallery:video", args=[self.slug])

    @property
    def content_type(self):
        return checks.CONTENT_TYPES.get(self.kind, "")

    def save(self, *args, **kwargs):
        """The video, its poster and its subtitles are written together or not at all: when a
        write (or the row) fails, the files this save wrote are deleted, no orphan is left."""
        fields = [self.file, self.poster, self.subtitles]
        new = [f for f in fields if f and not f._committed]
        if self.file and not self.file._committed:
            self.kind = checks.video_kind(self.file.file)
            self.size = self.file.size
        try:
            super().save(*args, **kwargs)
        except BaseException:
            for stored in new:
                if stored._committed and stored.name:
                    names = [stored.name]
                    if stored is self.poster and self.poster_width:
                        names += pipeline.rendition_names(stored.name, self.poster_width)
                    for name in names:
                        stored.storage.delete(name)
            raise
