"""The unit's organisation (a tree of units), its official social channels and the free text
of its "Giới thiệu" pages, per site (issue 19: Nghị định 224/2026 Điều 9 khoản 1 điểm c,
Nghị định 244/2026 Điều 5 khoản 2, Luật Tiếp cận thông tin Điều 17 and 19).

The people (leaders, the spokesperson, the focal person for information requests) are
people.Person, extended with their unit and contacts.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from multisite.models import SiteContent
from news.fields import SanitizedHTMLField


class UnitQuerySet(MP_NodeQuerySet):
    def on(self, site):
        return self.filter(site=site)


class UnitManager(MP_NodeManager):
    def get_queryset(self):
        return UnitQuerySet(self.model).order_by("path")

    def on(self, site):
        return self.get_queryset().on(site)


class Unit(MP_Node, SiteContent):
    """A unit of the organisation (Ủy ban nhân dân, a phòng, a bộ phận…). Each site's units
    are their own trees (several roots: the People's Council beside the People's Committee)."""

    name = models.CharField("tên đơn vị", max_length=200)
    name_en = models.CharField(
        "tên tiếng Anh", max_length=200, blank=True,
        help_text="Để trống nếu chưa có bản dịch: trang tiếng Anh hiện tên tiếng Việt.",
    )  # fmt: skip
    functions = models.TextField("chức năng, nhiệm vụ", blank=True, help_text="Mỗi ý một dòng.")
    functions_en = models.TextField("chức năng, nhiệm vụ (tiếng Anh)", blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước, trong cùng một cấp."
    )
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    node_order_by = ["order", "name"]
    objects = UnitManager()

    class Meta:
        verbose_name = "đơn vị trong bộ máy"
        verbose_name_plural = "cơ cấu tổ chức"
        indexes = [models.Index(fields=["site", "path"])]

    def __str__(self):
        return self.name

    @property
    def function_lines(self):
        return [line.strip() for line in self.functions.splitlines() if line.strip()]

    @property
    def function_lines_en(self):
        return [line.strip() for line in self.functions_en.splitlines() if line.strip()]


# Where each network's official pages live: a URL elsewhere is a typo or an impostor.
NETWORK_HOSTS = {
    "facebook": ("facebook.com", "fb.com", "fb.me"),
    "zalo": ("zalo.me", "zalo.vn"),
    "youtube": ("youtube.com", "youtu.be"),
    "tiktok": ("tiktok.com",),
    "x": ("x.com", "twitter.com"),
}


class Channel(SiteContent):
    """An official social media channel of the unit (Nghị định 244/2026 Điều 5 khoản 2)."""

    class Network(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        ZALO = "zalo", "Zalo"
        YOUTUBE = "youtube", "YouTube"
        TIKTOK = "tiktok", "TikTok"
        X = "x", "X (Twitter)"
        OTHER = "khac", "Khác"

    network = models.CharField("mạng xã hội", max_length=10, choices=Network.choices)
    name = models.CharField(
        "tên kênh", max_length=200, help_text="Tên trang, tài khoản như hiện trên mạng xã hội."
    )
    url = models.URLField(
        "địa chỉ", max_length=500, validators=[URLValidator(schemes=["https", "http"])],
        help_text="Địa chỉ đầy đủ, bắt đầu bằng https://",
    )  # fmt: skip
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "kênh mạng xã hội chính thức"
        verbose_name_plural = "kênh mạng xã hội chính thức"
        ordering = ["order", "name"]
        indexes = [models.Index(fields=["site", "order"])]

    def __str__(self):
        return f"{self.get_network_display()}: {self.name}"

    @property
    def safe_url(self):
        """The address when it is a web one: a row written past the form's validation (the
        shell, a fixture) never puts a javascript: link on the page."""
        return self.url if urlsplit(self.url).scheme in ("http", "https") else ""

    def clean(self):
        super().clean()
        hosts = NETWORK_HOSTS.get(self.network)
        if not hosts or not self.url:
            return
        host = (urlsplit(self.url).hostname or "").lower()
        if not any(host == known or host.endswith("." + known) for known in hosts):
            raise ValidationError({
                "url": f"Địa chỉ này không thuộc {self.get_network_display()} "
                f"(cần một địa chỉ trên {', '.join(hosts)})."
            })  # fmt: skip


class Introduction(SiteContent):
    """The free text of a site's "Giới thiệu" and access-to-information pages: one per site."""

    overview = SanitizedHTMLField(
        "giới thiệu chung", blank=True,
        help_text="Vị trí địa lý, điều kiện tự nhiên, lịch sử, văn hóa, di tích, danh lam thắng "
        "cảnh (Nghị định 224/2026 Điều 9 khoản 1 điểm c).",
    )  # fmt: skip
    unit_name_en = models.CharField(
        "tên đơn vị bằng tiếng Anh", max_length=200, blank=True,
        help_text="Hiện ở đầu các trang tiếng Anh, ví dụ: People's Committee of Hoa Loi Commune.",
    )  # fmt: skip
    address_en = models.CharField("địa chỉ bằng tiếng Anh", max_length=300, blank=True)
    overview_en = SanitizedHTMLField(
        "giới thiệu chung (tiếng Anh)", blank=True,
        help_text="Bản tiếng Anh do đơn vị biên soạn (không dịch máy). Để trống: trang tiếng Anh "
        "báo chưa có bản dịch.",
    )  # fmt: skip
    request_guide = SanitizedHTMLField(
        "cách gửi yêu cầu cung cấp thông tin", blank=True,
        help_text="Trang \"Tiếp cận thông tin\" đã có sẵn địa chỉ, thư điện tử, người đầu mối và "
        "đường dẫn gửi ý kiến; ghi thêm ở đây giờ tiếp nhận, cách nộp trực tiếp, chi phí (nếu có).",
    )  # fmt: skip
    request_forms = models.ManyToManyField(
        "documents.Document", verbose_name="biểu mẫu yêu cầu cung cấp thông tin", blank=True,
        related_name="+",
        help_text="Chọn trong thư viện văn bản (tải biểu mẫu lên thư viện văn bản trước).",
    )  # fmt: skip
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "nội dung trang giới thiệu"
        verbose_name_plural = "nội dung trang giới thiệu"
        constraints = [models.UniqueConstraint(fields=["site"], name="introduction_one_per_site")]

    def __str__(self):
        return "Nội dung trang Giới thiệu, Tiếp cận thông tin"
