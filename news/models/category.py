from django.db import models

from core.text import unique_slug
from core.urls import slug_url


class CategoryManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Category(models.Model):
    name = models.CharField("tên chuyên mục", max_length=200)
    slug = models.SlugField(
        "đường dẫn", max_length=120, unique=True, blank=True,
        help_text="Để trống để tạo tự động từ tên, không dấu.",
    )  # fmt: skip
    parent = models.ForeignKey(
        "self", verbose_name="chuyên mục cha", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )  # fmt: skip
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    show_in_menu = models.BooleanField("hiện trên menu", default=True)

    objects = CategoryManager()

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return slug_url("news:category", self.slug)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self.name, lambda s: Category.objects.filter(slug=s).exists(), fallback="chuyen-muc"
            )
        super().save(*args, **kwargs)
