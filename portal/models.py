"""A site's main menu and home page as data its administrator arranges (issue 20).

What a menu item points at and which block types exist are registries (portal.menus,
portal.blocks), so the sections other apps add (Giới thiệu, Công khai, Thư viện ảnh, Thông báo)
plug in by URL name or block type without a migration here.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from multisite.models import SiteContent

MAX_MENU_DEPTH = 3  # a top item, its sub-menu, and one more level, as provincial portals have


class Arranged(SiteContent):
    """A row the site's administrator places (order) and shows or hides."""

    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("hiển thị", default=True)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["site", "order"], name="%(class)s_site_order_idx")]


class MenuItem(Arranged):
    class Kind(models.TextChoices):
        HOME = "home", "Trang chủ"
        CATEGORY = "category", "Một chuyên mục"
        CATEGORIES = "categories", "Các chuyên mục có đánh dấu “hiện trên menu”"
        PAGE = "page", "Một trang tĩnh"
        SECTION = "section", "Một mục của cổng (văn bản, lịch, thủ tục…)"
        URL = "url", "Địa chỉ bất kỳ"

    parent = models.ForeignKey(
        "self", verbose_name="thuộc mục", null=True, blank=True, on_delete=models.CASCADE,
        related_name="children",
        help_text="Để trống: mục ở thanh menu chính. Chọn một mục: mục con trong menu thả xuống.",
    )  # fmt: skip
    kind = models.CharField("trỏ tới", max_length=12, choices=Kind.choices, default=Kind.URL)
    title = models.CharField(
        "tên hiển thị", max_length=120, blank=True,
        help_text="Để trống để dùng tên của chuyên mục, trang hoặc mục được chọn.",
    )  # fmt: skip
    category = models.ForeignKey(
        "news.Category", verbose_name="chuyên mục", null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )  # fmt: skip
    page = models.ForeignKey(
        "pages.Page", verbose_name="trang tĩnh", null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )  # fmt: skip
    # A URL name from portal.menus.SECTIONS (no choices in the schema: apps add sections).
    section = models.CharField("mục của cổng", max_length=80, blank=True)
    url = models.CharField(
        "địa chỉ", max_length=500, blank=True,
        help_text="Địa chỉ đầy đủ (https://…) hoặc đường dẫn trong trang (bắt đầu bằng /).",
    )  # fmt: skip

    class Meta(Arranged.Meta):
        verbose_name = "mục menu"
        verbose_name_plural = "menu chính"

    def __str__(self):
        from .menus import label_of

        label = self.title or label_of(self)
        return f"{self.parent} › {label}" if self.parent_id else label

    def clean(self):
        from .menus import clean_item

        clean_item(self)


class HomeBlock(Arranged):
    # A type from portal.blocks.BLOCK_TYPES (no choices in the schema: apps add types).
    kind = models.CharField("loại khối", max_length=40)
    title = models.CharField(
        "tiêu đề", max_length=120, blank=True, help_text="Để trống để dùng tên mặc định của khối."
    )
    category = models.ForeignKey(
        "news.Category", verbose_name="chuyên mục", null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
        help_text="Chỉ cho khối “Tin của một chuyên mục”.",
    )  # fmt: skip
    count = models.PositiveSmallIntegerField(
        "số mục", default=5, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )

    class Meta(Arranged.Meta):
        verbose_name = "khối trang chủ"
        verbose_name_plural = "các khối trang chủ"

    def __str__(self):
        from .blocks import BLOCK_TYPES

        block_type = BLOCK_TYPES.get(self.kind)
        return self.title or (block_type.label if block_type else self.kind)

    def clean(self):
        from .blocks import BLOCK_TYPES

        block_type = BLOCK_TYPES.get(self.kind)
        if block_type is None:
            raise ValidationError({"kind": "Loại khối này không có trên cổng."})
        if block_type.needs_category and self.category_id is None:
            raise ValidationError({"category": "Hãy chọn chuyên mục cho khối này."})
