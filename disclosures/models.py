"""Công khai: the disclosures the law requires (Luật Tiếp cận thông tin 2016 Điều 17, 19) as
typed records, and the site's list of the information it must make public (Nghị định 13/2018
Điều 11), each line pointing to where it is on the portal.

A disclosure's files are documents of the library (documents.Document): they are written by the
library's one write path (documents.services.save_document), checked by its validator, found by
its search entry and cited by articles like any other document. A disclosure adds the type, the
year and the period that the library has no place for, and links one or more documents.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.text import unique_slug
from core.urls import slug_url
from multisite.models import SiteContent


class Type(models.TextChoices):
    BUDGET = "ngan-sach", "Ngân sách"
    PUBLIC_INVESTMENT = "dau-tu-cong", "Đầu tư công"
    PROCUREMENT = "mua-sam-dau-thau", "Mua sắm, đấu thầu"
    PLANNING = "quy-hoach-ke-hoach", "Quy hoạch, kế hoạch"


class BudgetStage(models.TextChoices):
    ESTIMATE = "du-toan", "Dự toán"
    EXECUTION = "thuc-hien", "Tình hình thực hiện"
    SETTLEMENT = "quyet-toan", "Quyết toán"


class Period(models.TextChoices):
    YEAR = "ca-nam", "Cả năm"
    Q1 = "quy-1", "Quý I"
    Q2 = "quy-2", "Quý II"
    Q3 = "quy-3", "Quý III"
    Q4 = "quy-4", "Quý IV"
    HALF = "6-thang", "6 tháng đầu năm"
    NINE = "9-thang", "9 tháng đầu năm"
    MONTH = "thang", "Tháng"


class DisclosureQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public sees: marked public, with its publication date reached (the admin
        refuses a future date; the filter keeps a row written otherwise out of sight)."""
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def for_listing(self):
        return self.only(
            "site_id", "type", "stage", "year", "period", "month", "title", "slug", "published_at"
        )


class Disclosure(SiteContent):
    type = models.CharField("loại thông tin", max_length=20, choices=Type.choices)
    stage = models.CharField(
        "nội dung ngân sách", max_length=12, choices=BudgetStage.choices, blank=True,
        help_text="Chỉ với loại Ngân sách: dự toán, tình hình thực hiện hoặc quyết toán.",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(
        "năm", validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    period = models.CharField("kỳ", max_length=10, choices=Period.choices, default=Period.YEAR)
    month = models.PositiveSmallIntegerField(
        "tháng", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Chỉ khi kỳ là Tháng.",
    )  # fmt: skip
    title = models.CharField(
        "tiêu đề", max_length=300, blank=True,
        help_text="Để trống để tự đặt, ví dụ: “Dự toán ngân sách năm 2026”.",
    )  # fmt: skip
    summary = models.TextField("tóm tắt", blank=True)
    published_at = models.DateTimeField(
        "ngày công bố", default=timezone.now,
        help_text="Ngày đơn vị công bố thông tin; không được là ngày trong tương lai.",
    )  # fmt: skip
    is_published = models.BooleanField(
        "hiển thị công khai", default=True,
        help_text="Bỏ chọn để ẩn khỏi trang công khai (giữ lại trong quản trị).",
    )  # fmt: skip
    documents = models.ManyToManyField(
        "documents.Document", verbose_name="tệp văn bản (trong thư viện văn bản)", blank=True,
        related_name="disclosures",
        help_text="Chọn văn bản đã có trong thư viện, hoặc tải tệp mới lên ở mục bên dưới.",
    )  # fmt: skip
    slug = models.SlugField("đường dẫn", max_length=120, blank=True)
    created_at = models.DateTimeField("nhập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        verbose_name = "thông tin công khai"
        verbose_name_plural = "thông tin công khai"
        ordering = ["-year", "-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="disclosure_slug_per_site"),
        ]
        indexes = [
            models.Index(fields=["site", "type", "year"], name="disclosure_type_year_idx"),
            models.Index(fields=["site", "year"], name="disclosure_year_idx"),
        ]

    def __str__(self):
        return self.title or self.default_title()

    def get_absolute_url(self):
        return slug_url("disclosures:detail", self.slug)

    def default_title(self):
        """ "Dự toán ngân sách năm 2026", "Đầu tư công quý II năm 2026"."""
        if self.type == Type.BUDGET and self.stage:
            head = f"{BudgetStage(self.stage).label} ngân sách"
        else:
            head = Type(self.type).label if self.type else "Thông tin công khai"
        if self.period == Period.YEAR or not self.period:
            return f"{head} năm {self.year}"
        label = self.period_label()
        return f"{head} {label[0].lower()}{label[1:]} năm {self.year}"

    def period_label(self):
        if self.period == Period.MONTH and self.month:
            return f"Tháng {self.month}"
        return Period(self.period).label if self.period else ""

    def clean(self):
        errors = {}
        if self.type == Type.BUDGET and not self.stage:
            errors["stage"] = (
                "Thông tin ngân sách cần chọn: dự toán, tình hình thực hiện hay quyết toán."
            )
        if self.type and self.type != Type.BUDGET and self.stage:
            errors["stage"] = (
                "Chỉ thông tin ngân sách mới có nội dung dự toán / thực hiện / quyết toán."
            )
        if self.period == Period.MONTH and not self.month:
            errors["month"] = "Kỳ là Tháng: hãy nhập tháng (1–12)."
        if self.period != Period.MONTH and self.month:
            errors["month"] = "Chỉ nhập tháng khi kỳ là Tháng."
        # The page cache knows when articles appear by their dates, not disclosures: a date in
        # the future would leave cached pages stale, so a disclosure is shown on entry or hidden.
        if self.published_at and self.published_at > timezone.now() + timedelta(minutes=5):
            errors["published_at"] = (
                "Ngày công bố không thể ở tương lai. "
                "Muốn chưa đăng thì bỏ chọn “Hiển thị công khai”."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """Derives its own title (when left empty) and slug; the slug never changes after."""
        if not self.title:
            self.title = self.default_title()
        if not self.slug:
            taken = Disclosure.objects.filter(site_id=self.site_id).exclude(pk=self.pk)
            self.slug = unique_slug(
                self.title, lambda s: taken.filter(slug=s).exists(), fallback="cong-khai"
            )
        super().save(*args, **kwargs)


# Where each line of the list may point: (label, candidate URL names tried in order, with
# their query). The organisation pages are another app's (issue 19 part A): their names are
# tried and a line whose page does not exist yet reads "Đang cập nhật" instead of breaking.
TARGETS = {
    "cong-khai": ("Công khai (tất cả)", ["disclosures:list"], ""),
    **{
        f"cong-khai-{t.value}": (f"Công khai – {t.label}", ["disclosures:list"], f"?loai={t.value}")
        for t in Type
    },
    "van-ban": ("Thư viện văn bản", ["documents:list"], ""),
    "thu-tuc": ("Thủ tục hành chính", ["procedures:list"], ""),
    "lich-cong-tac": ("Lịch công tác", ["schedules:week"], ""),
    "tiep-cong-dan": ("Lịch tiếp công dân", ["schedules:reception"], ""),
    "gioi-thieu": ("Giới thiệu, cơ cấu tổ chức", ["organisation:chart"], ""),
    # The contacts page names the spokesperson and the focal person; it links to the leaders.
    "lanh-dao": ("Lãnh đạo, người phát ngôn", ["organisation:contacts"], ""),
    "tiep-can-thong-tin": (
        "Tiếp cận thông tin (đầu mối, nơi gửi yêu cầu, biểu mẫu)",
        ["organisation:access", "citizens:intake"], "",
    ),
    "gui-y-kien": ("Gửi ý kiến, yêu cầu", ["citizens:intake"], ""),
    "hoi-dap": ("Hỏi đáp", ["citizens:qa"], ""),
    "khac": ("Địa chỉ khác (nhập bên dưới)", [], ""),
}  # fmt: skip


def target_url(target, custom=""):
    """The address of a list line's target, or "" when that page does not exist (yet)."""
    if target == "khac":
        return custom
    _, names, query = TARGETS.get(target, ("", [], ""))
    for name in names:
        try:
            return reverse(name) + query
        except NoReverseMatch:
            continue
    return ""


class RequiredItem(SiteContent):
    """One line of "Danh mục thông tin phải công khai": what, on which legal basis, where."""

    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField("thông tin phải công khai", max_length=300)
    legal_basis = models.CharField("căn cứ", max_length=200, blank=True)
    target = models.CharField(
        "xem tại", max_length=30, choices=[(k, v[0]) for k, v in TARGETS.items()],
        default="cong-khai",
    )  # fmt: skip
    custom_url = models.CharField(
        "địa chỉ khác", max_length=300, blank=True,
        help_text="Chỉ khi “Xem tại” là Địa chỉ khác: đường dẫn trên cổng (bắt đầu bằng /) "
        "hoặc địa chỉ https://.",
    )  # fmt: skip
    note = models.CharField("ghi chú", max_length=300, blank=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "mục thông tin phải công khai"
        verbose_name_plural = "danh mục thông tin phải công khai"
        ordering = ["order", "id"]

    def __str__(self):
        return self.title

    def clean(self):
        url = self.custom_url.strip()
        if self.target == "khac" and not url:
            raise ValidationError({"custom_url": "Hãy nhập địa chỉ khi chọn “Địa chỉ khác”."})
        if (
            url
            and not (url.startswith("/") and not url.startswith("//"))
            and not url.startswith("https://")
        ):
            raise ValidationError(
                {"custom_url": "Địa chỉ phải bắt đầu bằng / (trên cổng) hoặc https://."}
            )
        self.custom_url = url

    @property
    def url(self):
        return target_url(self.target, self.custom_url)
