"""What citizens send, and what the portal keeps of it (DESIGN.md "Personal data").

An inquiry holds the person's data (name, contact, text, files) only as long as it must: the
person may erase it (rights.py), and the retention command anonymises closed items after the
period the superuser sets. The consent records outlive that erasure and keep only what proves
consent: the purpose, the text agreed to (a stored version), when, and when it was withdrawn.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone

from multisite.models import SiteContent
from news.fields import SanitizedHTMLField


class PrivateStorage(FileSystemStorage):
    """Files people send: under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, with no URL. Staff read
    them through the admin's attachment view, which checks the role (DESIGN.md "Personal
    data"). The location is read on each use, so tests (and a changed setting) move it."""

    def __init__(self):
        super().__init__(base_url=None, file_permissions_mode=0o600)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage():
    return PrivateStorage()


class Kind(models.TextChoices):
    QUESTION = "hoi-dap", "Hỏi đáp"
    FEEDBACK = "gop-y", "Góp ý"
    REPORT = "phan-anh", "Phản ánh, kiến nghị"
    DRAFT_COMMENT = "du-thao", "Góp ý dự thảo"


class Topic(SiteContent):
    """A subject the Q&A section is grouped by (Đất đai, Hộ tịch, ...): each site lists its own."""

    name = models.CharField("tên chủ đề", max_length=120)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chủ đề"
        verbose_name_plural = "chủ đề hỏi đáp"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="citizens_topic_unique_name")
        ]

    def __str__(self):
        return self.name


class ConsultationQuerySet(models.QuerySet):
    def open_now(self):
        now = timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class Consultation(SiteContent):
    """A draft in the library put out for comment until a deadline (Luật Tiếp cận thông tin 2016,
    Điều 17 khoản 1 điểm c). The comment form closes by itself at `closes_at`."""

    document = models.ForeignKey(
        "documents.Document", verbose_name="dự thảo (văn bản trong thư viện)",
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    title = models.CharField("tiêu đề lấy ý kiến", max_length=300)
    summary = models.TextField("tóm tắt", blank=True, max_length=3000)
    drafting_unit = models.CharField("cơ quan chủ trì soạn thảo", max_length=200, blank=True)
    opens_at = models.DateTimeField("bắt đầu nhận góp ý", default=timezone.now)
    closes_at = models.DateTimeField("hạn góp ý")

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = "lấy ý kiến dự thảo"
        verbose_name_plural = "lấy ý kiến dự thảo"
        ordering = ["-closes_at"]

    def __str__(self):
        return self.title

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def get_absolute_url(self):
        return reverse("citizens:consultation", args=[self.pk])


class InquiryQuerySet(models.QuerySet):
    def published(self):
        """The public Q&A section: published questions whose publication consent stands."""
        return self.filter(status=Inquiry.Status.PUBLISHED, kind=Kind.QUESTION)

    def open(self):
        return self.filter(status__in=[Inquiry.Status.NEW, Inquiry.Status.ASSIGNED])

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Inquiry(SiteContent):
    """One message from a citizen, its receipt number, its way through the office and its answer."""

    class Status(models.TextChoices):
        NEW = "moi", "Mới nhận"
        ASSIGNED = "da-giao", "Đã giao xử lý"
        ANSWERED = "da-tra-loi", "Đã trả lời"
        PUBLISHED = "da-cong-khai", "Đã công khai"
        NOTED = "da-ghi-nhan", "Đã ghi nhận (không cần trả lời)"
        DECLINED = "tu-choi", "Từ chối"
        WITHDRAWN = "rut-lai", "Người gửi đã rút lại"

    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    number = models.CharField("số tiếp nhận", max_length=40, editable=False)
    status = models.CharField(
        "trạng thái", max_length=12, choices=Status.choices, default=Status.NEW
    )
    topic = models.ForeignKey(
        Topic, verbose_name="chủ đề", null=True, blank=True, on_delete=models.SET_NULL
    )
    consultation = models.ForeignKey(
        Consultation, verbose_name="dự thảo", null=True, blank=True, on_delete=models.PROTECT,
        related_name="comments",
    )  # fmt: skip
    subject = models.CharField("tiêu đề", max_length=200)
    text = models.TextField("nội dung", max_length=5000)
    # --- personal data: blanked by erasure and by the retention command ---
    name = models.CharField("họ và tên", max_length=120, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    initials = models.CharField("tên viết tắt khi công khai", max_length=20, blank=True)
    # The person's link (rights.py) is an HMAC of this nonce under SECRET_KEY: a copy of the
    # database alone opens nobody's data, and the office can e-mail the link again.
    rights_nonce = models.CharField(max_length=32, editable=False)
    personal_data_erased_at = models.DateTimeField(
        "đã xoá dữ liệu cá nhân lúc", null=True, blank=True, editable=False
    )
    # --- the office's work ---
    received_at = models.DateTimeField("nhận lúc", default=timezone.now, editable=False)
    due_on = models.DateField("hạn trả lời", editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="cán bộ xử lý", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    answer = SanitizedHTMLField("trả lời", blank=True)
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người trả lời", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    published_at = models.DateTimeField("công khai lúc", null=True, blank=True, editable=False)
    decline_reason = models.TextField("lý do từ chối", blank=True, max_length=2000)
    closed_at = models.DateTimeField("đóng lúc", null=True, blank=True, editable=False)
    # The published question and answer folded for search ("nghi quyet" finds "nghị quyết");
    # empty unless published.
    search_text = models.TextField(blank=True, editable=False)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = "ý kiến"
        verbose_name_plural = "ý kiến người dân"
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="citizens_inquiry_number")
        ]
        indexes = [models.Index(fields=["site", "status", "due_on"])]

    def __str__(self):
        # The receipt number only: this text is copied into admin log entries, which must never
        # carry the person's name (DESIGN.md: erasure reaches the admin log).
        return self.number

    def get_absolute_url(self):
        return reverse("citizens:answer", args=[self.number])

    @property
    def is_overdue(self):
        return self.status in (self.Status.NEW, self.Status.ASSIGNED) and (
            self.due_on < timezone.localdate()
        )

    @property
    def has_contact(self):
        return bool(self.email or self.phone)


class Attachment(models.Model):
    """A file sent with an inquiry, kept outside the public media (private_storage)."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="citizens/%Y/%m/")
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self):
        return f"Tệp {self.pk}"


class ConsentText(models.Model):
    """The exact wording a person agreed to, one row per purpose and version (never edited:
    a new wording is a new version, citizens/consent.py)."""

    purpose = models.CharField("mục đích", max_length=20)
    version = models.CharField("phiên bản", max_length=20)
    text = models.TextField("nội dung")

    class Meta:
        verbose_name = "văn bản đồng ý"
        verbose_name_plural = "văn bản đồng ý"
        constraints = [
            models.UniqueConstraint(fields=["purpose", "version"], name="citizens_consent_text")
        ]

    def __str__(self):
        return f"{self.purpose} {self.version}"


class Consent(models.Model):
    """Proof of one consent: purpose (through the text), text version, time, withdrawal.
    It names no person; the inquiry link is cut when the inquiry row itself goes."""

    inquiry = models.ForeignKey(
        Inquiry, null=True, on_delete=models.SET_NULL, related_name="consents"
    )
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, verbose_name="văn bản")
    given_at = models.DateTimeField("đồng ý lúc", default=timezone.now)
    withdrawn_at = models.DateTimeField("rút lại lúc", null=True, blank=True)

    class Meta:
        verbose_name = "sự đồng ý"
        verbose_name_plural = "sự đồng ý"
        ordering = ["given_at"]

    def __str__(self):
        return f"{self.text} {self.given_at:%d/%m/%Y %H:%M}"


class ReceiptSequence(models.Model):
    """The last receipt number given on a site in a year: incremented inside the transaction
    that inserts the inquiry, so numbers are gapless per site and year and never repeat."""

    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "year"], name="citizens_receipt_sequence")
        ]

    def __str__(self):
        return f"{self.year}: {self.last}"


class RateCounter(models.Model):
    """Submissions (or ratings) counted per keyed hash of a client network and time window,
    in the database so every worker and server sees the same count. Rows are deleted once
    their window is over (ratelimit.py); the hash cannot be turned back into an address."""

    key = models.CharField(max_length=64)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="citizens_rate_counter")
        ]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"{self.window}: {self.count}"


class RetentionPolicy(models.Model):
    """How long the personal data of a closed item is kept (one row, the superuser's)."""

    days = models.PositiveIntegerField(
        "số ngày lưu giữ sau khi đóng", default=365,
        help_text="Sau thời hạn này, lệnh purge_citizen_data xoá họ tên, liên hệ và tệp đính kèm "
        "của các ý kiến đã đóng.",
    )  # fmt: skip

    class Meta:
        verbose_name = "thời hạn lưu giữ dữ liệu cá nhân"
        verbose_name_plural = "thời hạn lưu giữ dữ liệu cá nhân"

    def __str__(self):
        return f"{self.days} ngày"

    @classmethod
    def current_days(cls):
        row = cls.objects.filter(pk=1).first()
        return row.days if row else 365


class Rating(SiteContent):
    """ "Thông tin này có hữu ích không?": one anonymous vote per visitor key, page and day
    (Nghị định 224/2026/NĐ-CP Điều 10 khoản 3 điểm b). The key is the visitor counter's daily
    keyed hash; the retention command clears it once its day is over (the salt that made it is
    destroyed after two days anyway), so no rater can be followed from one day to the next."""

    path = models.CharField("trang", max_length=300)
    section = models.CharField("chuyên mục", max_length=200)
    day = models.DateField("ngày")
    # NULL, not "": cleared keys must not collide in the one-vote constraint.
    key = models.CharField(max_length=40, null=True, editable=False)  # noqa: DJ001
    useful = models.BooleanField("hữu ích")

    class Meta:
        verbose_name = "đánh giá thông tin"
        verbose_name_plural = "đánh giá thông tin"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "path", "day", "key"], name="citizens_rating_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["site", "path"])]

    def __str__(self):
        return f"{self.path} {self.day:%d/%m/%Y}"
