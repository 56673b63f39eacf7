from django.core.exceptions import ValidationError
from django.db import models

from core.text import unique_slug
from core.urls import slug_url
from multisite.current import site_for_code
from multisite.models import SiteContent


class CategoryManager(models.Manager):
    def get_by_natural_key(self, slug, site_code=None):
        return self.get(slug=slug, site=site_for_code(site_code))


class Category(SiteContent):
    name = models.CharField("tên chuyên mục", max_length=200)
    slug = models.SlugField(
        "đường dẫn", max_length=120, blank=True,
        help_text="Để trống để tạo tự động từ tên, không dấu.",
    )  # fmt: skip
    parent = models.ForeignKey(
        "self", verbose_name="chuyên mục cha", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )  # fmt: skip
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    show_in_menu = models.BooleanField("hiện trên menu", default=True)
    # Thông báo, Giấy mời, Tài liệu họp (issue 19): their articles carry files and a date after
    # which they leave the home's "Thông báo" block (Article.notice_until).
    is_notice = models.BooleanField(
        "chuyên mục thông báo", default=False,
        help_text="Bài trong chuyên mục này hiện ở khối “Thông báo” trên trang chủ đến hết "
        "ngày “hiện trong khối Thông báo đến”.",
    )  # fmt: skip

    objects = CategoryManager()

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="category_slug_per_site"),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def natural_key(self):
        return (self.slug, self.site_code)

    def loaddata_merge(self, existing):
        """A fixture never renames or moves a category the site already has (a new site's
        starter "Tin tức - Sự kiện", say): its articles are filed under it as it is."""
        return False

    def get_absolute_url(self):
        return slug_url("news:category", self.slug)

    def clean(self):
        if self.parent_id and self.parent.site_id != self.site_id:
            raise ValidationError({"parent": "Chuyên mục cha phải thuộc cùng trang."})

    def save(self, *args, **kwargs):
        if not self.slug:
            taken = Category.objects.filter(site_id=self.site_id).exclude(pk=self.pk)
            self.slug = unique_slug(
                self.name, lambda s: taken.filter(slug=s).exists(), fallback="chuyen-muc"
            )
        super().save(*args, **kwargs)
