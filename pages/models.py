from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.text import unique_slug
from multisite.models import SiteContent
from news.fields import SanitizedHTMLField


class PageQuerySet(models.QuerySet):
    def published(self):
        """What the public may see."""
        return self.filter(is_published=True)


class Page(SiteContent):
    """A page the superusers edit: Giới thiệu, Bản đồ hành chính, Liên hệ, Chính sách bảo mật."""

    class Kind(models.TextChoices):
        # The first four are the pages the law asks for: one of each, never deleted.
        ABOUT = "gioi-thieu", "Giới thiệu"
        MAP = "ban-do", "Bản đồ hành chính (ảnh bản đồ lấy từ Thông tin trang)"
        CONTACT = "lien-he", "Liên hệ (thông tin lấy từ Thông tin trang)"
        PRIVACY = "bao-mat", "Chính sách bảo mật"
        OTHER = "khac", "Trang khác"

    title = models.CharField("tiêu đề", max_length=200)
    slug = models.SlugField(
        "đường dẫn", max_length=120, blank=True,
        help_text="Để trống để tạo tự động từ tiêu đề, không dấu.",
    )  # fmt: skip
    kind = models.CharField("loại trang", max_length=12, choices=Kind.choices, default=Kind.OTHER)
    body = SanitizedHTMLField("nội dung", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_published = models.BooleanField("hiển thị", default=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = "trang tĩnh"
        verbose_name_plural = "trang tĩnh"
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="page_slug_per_site"),
            models.UniqueConstraint(
                fields=["site", "kind"],
                condition=~Q(kind="khac"),
                name="page_one_of_each_required_kind",
            ),  # fmt: skip
        ]

    def __str__(self):
        return self.title

    @property
    def is_required(self):
        return self.kind != self.Kind.OTHER

    def get_absolute_url(self):
        if self.kind == self.Kind.PRIVACY:
            return reverse("pages:privacy")
        if self.kind == self.Kind.ABOUT:
            # The "Giới thiệu" section (organisation/, issue 19) replaced the free-text page;
            # links to it (the footer, the site map) go there without a redirect.
            return reverse("organisation:overview")
        return reverse("pages:detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self.title,
                lambda s: (
                    Page.objects.filter(site_id=self.site_id, slug=s).exclude(pk=self.pk).exists()
                ),
                fallback="trang",
            )
        super().save(*args, **kwargs)


class LinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Link(SiteContent):
    """An entry of the sidebar's "Website liên kết" block."""

    name = models.CharField("tên website", max_length=200)
    url = models.URLField(
        "địa chỉ", max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("hiển thị", default=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = "website liên kết"
        verbose_name_plural = "website liên kết"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name
