from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from news.text import normalize_symbol, unique_slug


class DocumentManager(models.Manager):
    def get_by_natural_key(self, symbol, issued_on):
        return self.get(symbol_key=normalize_symbol(symbol), issued_on=issued_on)


class Document(models.Model):
    """A party or state document (Nghị quyết, Kết luận, ...) that articles cite.

    Identified by its normalised symbol and its issue date: party numbering restarts every
    term, so "18-NQ/TW" names several resolutions.
    """

    class Type(models.TextChoices):
        RESOLUTION = "nghi-quyet", "Nghị quyết"
        CONCLUSION = "ket-luan", "Kết luận"
        DIRECTIVE = "chi-thi", "Chỉ thị"
        DECISION = "quyet-dinh", "Quyết định"
        REGULATION = "quy-dinh", "Quy định"
        GUIDANCE = "huong-dan", "Hướng dẫn"
        NOTICE = "thong-bao", "Thông báo"
        PLAN = "ke-hoach", "Kế hoạch"
        OFFICIAL_LETTER = "cong-van", "Công văn"
        LAW = "luat", "Luật"
        DECREE = "nghi-dinh", "Nghị định"
        CIRCULAR = "thong-tu", "Thông tư"
        OTHER = "khac", "Văn bản khác"

    symbol = models.CharField(
        "số ký hiệu", max_length=60, help_text="Ví dụ: 35-NQ/TW, 4051/QĐ-UBND"
    )
    symbol_key = models.CharField(max_length=60, editable=False, db_index=True)
    doc_type = models.CharField("loại văn bản", max_length=20, choices=Type.choices)
    issuing_body = models.CharField("cơ quan ban hành", max_length=200)
    signer = models.CharField("người ký", max_length=200, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    effective_on = models.DateField("ngày hiệu lực", null=True, blank=True)
    title = models.TextField("trích yếu", blank=True)
    file = models.FileField(
        "tệp văn bản", upload_to="van-ban/%Y/", blank=True,
        validators=[FileExtensionValidator(["pdf", "doc", "docx"])],
    )  # fmt: skip
    slug = models.SlugField("đường dẫn", max_length=120, unique=True, blank=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    objects = DocumentManager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = [models.F("issued_on").desc(nulls_last=True), "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol_key", "issued_on"], name="document_unique_symbol_date"
            ),
            # Without a date a symbol may be used once; a second one must be told apart by date.
            models.UniqueConstraint(
                fields=["symbol_key"],
                condition=Q(issued_on__isnull=True),
                name="document_unique_symbol_without_date",
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.get_doc_type_display()} số {self.symbol}"

    def natural_key(self):
        return (
            normalize_symbol(self.symbol),
            self.issued_on.isoformat() if self.issued_on else None,
        )

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.slug])

    def clean(self):
        self.symbol_key = normalize_symbol(self.symbol)
        same = Document.objects.filter(symbol_key=self.symbol_key).exclude(pk=self.pk)
        if same.exists() and self.issued_on is None:
            raise ValidationError(
                {"issued_on": "Số ký hiệu này đã có; hãy nhập ngày ban hành để phân biệt."}
            )
        elif self.issued_on and same.filter(issued_on=self.issued_on).exists():
            raise ValidationError("Đã có văn bản cùng số ký hiệu và ngày ban hành.")

    def save(self, *args, **kwargs):
        self.symbol = " ".join(self.symbol.split())
        self.symbol_key = normalize_symbol(self.symbol)
        if not self.slug:
            text = self.symbol + (f" {self.issued_on:%d-%m-%Y}" if self.issued_on else "")
            self.slug = unique_slug(
                text, lambda s: Document.objects.filter(slug=s).exists(), fallback="van-ban"
            )
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        """ "Nghị quyết số 35-NQ/TW ngày 22/10/2018", as Vietnamese documents cite each other."""
        name = str(self)
        return f"{name} ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else name
