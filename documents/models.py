from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from core.text import unique_slug
from core.urls import slug_url
from multisite.current import site_for_code
from multisite.models import SiteContent

from .references import lookup_key, normalize_symbol, symbol_kind
from .validators import DOCUMENT_EXTENSIONS, validate_document_file


class Sector(models.Model):
    """A field of work (lĩnh vực): Xây dựng Đảng, Tư tưởng - Văn hóa, Kinh tế ..."""

    name = models.CharField("tên lĩnh vực", max_length=120, unique=True)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True, blank=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self.name, lambda s: Sector.objects.filter(slug=s).exists(), fallback="linh-vuc"
            )
        super().save(*args, **kwargs)


class DocumentQuerySet(models.QuerySet):
    def for_listing(self):
        """What the library's table prints; never the file's path or the signer."""
        return self.select_related("sector").only(
            "symbol", "doc_type", "issuing_body", "issued_on", "title", "slug", "status",
            "kind", "level", "sector__name", "sector__slug",
        )  # fmt: skip

    def for_detail(self):
        return self.select_related("sector")

    def visible_on(self, site):
        """The documents `site` shows and its articles may cite: its own and its parent's (a
        province shares its documents with its communes, DESIGN.md "Sites"), except a parent's
        whose address (slug) the site's own copy takes. The one rule for the library, its
        document pages, the reference resolver, search and the admin's choices."""
        own = Q(site_id=site.pk)
        parent_id = site.profile.parent_id
        if parent_id is None:
            return self.filter(own)
        shadowed = Document.objects.filter(site_id=site.pk, slug=OuterRef("slug"))
        return self.filter(own | (Q(site_id=parent_id) & ~Exists(shadowed)))

    def with_symbol(self, text):
        """Documents whose symbol is `text` however it was typed, or begins with it.

        "35 nq tw" finds 35-NQ/TW; "35" finds every document numbered 35; "4051 qd" finds
        4051-QĐ/TU and 4051/QĐ-UBND.
        """
        key = lookup_key(text)
        if not key:
            return self.none()
        return self.filter(Q(symbol_lookup=key) | Q(symbol_lookup__startswith=key + " "))


class DocumentManager(models.Manager.from_queryset(DocumentQuerySet)):
    def get_by_natural_key(self, symbol, issued_on, site_code=None):
        site = site_for_code(site_code)
        return self.get(symbol_key=normalize_symbol(symbol), issued_on=issued_on, site=site)


def sharing_sites(site):
    """The ids of the sites whose documents `site` shows: itself, then its parent (if any)."""
    parent_id = site.profile.parent_id
    return [site.pk] if parent_id is None else [site.pk, parent_id]


class Document(SiteContent):
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

    class Kind(models.TextChoices):
        PARTY = "party", "Văn bản của Đảng"
        STATE = "state", "Văn bản của Nhà nước"

    class Level(models.TextChoices):
        CENTRAL = "trung-uong", "Trung ương"
        PROVINCE = "tinh", "Tỉnh"
        DISTRICT = "huyen", "Huyện"
        COMMUNE = "xa", "Xã"

    class Status(models.TextChoices):
        IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
        EXPIRED = "het-hieu-luc", "Hết hiệu lực"
        REPLACED = "bi-thay-the", "Bị thay thế"

    symbol = models.CharField(
        "số ký hiệu", max_length=60, help_text="Ví dụ: 35-NQ/TW, 4051/QĐ-UBND"
    )
    symbol_key = models.CharField(max_length=60, editable=False, db_index=True)
    # "35 NQ TW": the symbol as tokens without diacritics, for lookup however it is typed.
    symbol_lookup = models.CharField(max_length=80, editable=False, db_index=True, default="")
    doc_type = models.CharField("loại văn bản", max_length=20, choices=Type.choices)
    kind = models.CharField(
        "khối", max_length=10, choices=Kind.choices, blank=True,
        help_text="Để trống để suy ra từ số ký hiệu (35-NQ/TW là văn bản Đảng).",
    )  # fmt: skip
    level = models.CharField("cấp ban hành", max_length=12, choices=Level.choices, blank=True)
    issuing_body = models.CharField("cơ quan ban hành", max_length=200)
    term = models.CharField(
        "khóa", max_length=20, blank=True, help_text="Nhiệm kỳ, nếu biết; ví dụ: XII"
    )
    signer = models.CharField("người ký", max_length=200, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    effective_on = models.DateField("ngày hiệu lực", null=True, blank=True)
    title = models.TextField("trích yếu", blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="documents",
    )  # fmt: skip
    status = models.CharField(
        "tình trạng hiệu lực", max_length=14, choices=Status.choices, default=Status.IN_FORCE
    )
    file = models.FileField(
        "tệp văn bản", upload_to="van-ban/%Y/", blank=True, max_length=200,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_file],
        help_text="PDF, DOC hoặc DOCX; kiểm tra theo nội dung tệp.",
    )  # fmt: skip
    # Stored so that lists print "PDF, 1,2 MB" without asking the storage.
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    slug = models.SlugField("đường dẫn", max_length=120, blank=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    objects = DocumentManager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = [models.F("issued_on").desc(nulls_last=True), "-id"]
        # Per site: a commune files its own copy of a document its province also holds.
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="document_slug_per_site"),
            models.UniqueConstraint(
                fields=["site", "symbol_key", "issued_on"], name="document_unique_symbol_date"
            ),
            # Without a date a symbol may be used once; a second one must be told apart by date.
            models.UniqueConstraint(
                fields=["site", "symbol_key"],
                condition=Q(issued_on__isnull=True),
                name="document_unique_symbol_without_date",
            ),  # fmt: skip
        ]
        indexes = [
            models.Index(fields=["site", "issued_on"], name="document_site_idx"),
            models.Index(fields=["doc_type", "issued_on"], name="document_type_idx"),
            models.Index(fields=["issuing_body"], name="document_body_idx"),
            models.Index(fields=["status"], name="document_status_idx"),
        ]

    def __str__(self):
        return f"{self.get_doc_type_display()} số {self.symbol}"

    def natural_key(self):
        return (
            normalize_symbol(self.symbol),
            self.issued_on.isoformat() if self.issued_on else None,
            self.site_code,
        )

    def loaddata_merge(self, existing):
        """A fixture never overwrites a document the site already has (its file, its status,
        what its editors corrected): the articles cite it as it is."""
        return False

    def get_absolute_url(self):
        return slug_url("documents:detail", self.slug)

    def get_file_url(self):
        return reverse("documents:file", args=[self.slug])

    def clean(self):
        self.symbol_key = normalize_symbol(self.symbol)
        same = Document.objects.filter(site_id=self.site_id, symbol_key=self.symbol_key)
        same = same.exclude(pk=self.pk)
        if same.exists() and self.issued_on is None:
            raise ValidationError(
                {"issued_on": "Số ký hiệu này đã có; hãy nhập ngày ban hành để phân biệt."}
            )
        elif self.issued_on and same.filter(issued_on=self.issued_on).exists():
            raise ValidationError("Đã có văn bản cùng số ký hiệu và ngày ban hành.")
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            raise ValidationError({"effective_on": "Ngày hiệu lực không thể trước ngày ban hành."})

    def save(self, *args, **kwargs):
        """Derives its own fields only; articles citing it are relinked by documents.services."""
        self.symbol = " ".join(self.symbol.split())
        self.symbol_key = normalize_symbol(self.symbol)
        self.symbol_lookup = lookup_key(self.symbol)
        if not self.kind:
            self.kind = symbol_kind(self.symbol) or ""
        if not self.slug:
            text = self.symbol + (f" {self.issued_on:%d-%m-%Y}" if self.issued_on else "")
            taken = Document.objects.filter(site_id=self.site_id).exclude(pk=self.pk)
            self.slug = unique_slug(
                text, lambda s: taken.filter(slug=s).exists(), fallback="van-ban"
            )
        self.file_size = self._stored_file_size()
        super().save(*args, **kwargs)

    def _stored_file_size(self):
        if not self.file:
            return None
        try:
            return self.file.size
        except OSError:  # the file is named but missing from the storage
            return None

    @property
    def issuer(self):
        """ "Bộ Chính trị khóa XII": the issuing body with its term, where known."""
        return f"{self.issuing_body} khóa {self.term}" if self.term else self.issuing_body

    @property
    def full_name(self):
        """ "Nghị quyết số 35-NQ/TW ngày 22/10/2018", as Vietnamese documents cite each other."""
        name = str(self)
        return f"{name} ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else name

    def relations(self):
        """Documents this one replaces or amends, and those replacing or amending it (one query)."""
        groups = {"replaces": [], "replaced_by": [], "amends": [], "amended_by": []}
        rows = DocumentRelation.objects.filter(Q(source=self) | Q(target=self))
        rows = rows.filter(site_id=self.site_id).select_related("source", "target")
        for relation in rows:
            replaces = relation.kind == DocumentRelation.Kind.REPLACES
            if relation.source_id == self.pk:
                groups["replaces" if replaces else "amends"].append(relation.target)
            else:
                groups["replaced_by" if replaces else "amended_by"].append(relation.source)
        return groups

    @property
    def file_extension(self):
        return self.file.name.rsplit(".", 1)[-1].lower() if self.file else ""


class DocumentRelation(SiteContent):
    """One document replaces or amends another: "Nghị quyết 18 thay thế Nghị quyết 17"."""

    class Kind(models.TextChoices):
        REPLACES = "thay-the", "Thay thế"
        AMENDS = "sua-doi", "Sửa đổi, bổ sung"

    source = models.ForeignKey(
        Document, verbose_name="văn bản", on_delete=models.CASCADE, related_name="relations_out"
    )
    kind = models.CharField("quan hệ", max_length=10, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        verbose_name="văn bản bị thay thế / được sửa đổi",
        on_delete=models.CASCADE,
        related_name="relations_in",
    )

    class Meta:
        verbose_name = "văn bản được thay thế / sửa đổi"
        verbose_name_plural = "văn bản được thay thế / sửa đổi"
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="document_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="document_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.source.symbol} {self.get_kind_display().lower()} {self.target.symbol}"

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError("Văn bản không thể thay thế hoặc sửa đổi chính nó.")
        if self.source_id and self.target_id and self.source.site_id != self.target.site_id:
            raise ValidationError({"target": "Văn bản phải thuộc cùng trang."})

    def save(self, *args, **kwargs):
        self.site_id = self.source.site_id  # a relation is its source document's
        super().save(*args, **kwargs)
        if self.kind == self.Kind.REPLACES:
            # A replaced document is no longer in force; the public page says so.
            Document.objects.filter(pk=self.target_id).update(status=Document.Status.REPLACED)


class Mention(SiteContent):
    """A reference an article's text makes to a document symbol: the index behind auto-links.

    Kept for every reference, found or not, so that a document added later links the articles
    that already cite it, and the admin can list the symbols cited but missing.
    """

    article = models.ForeignKey(
        "news.Article", on_delete=models.CASCADE, related_name="document_mentions"
    )
    symbol = models.CharField("số ký hiệu", max_length=60)
    symbol_key = models.CharField(max_length=60, db_index=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)

    class Meta:
        verbose_name = "văn bản được nhắc đến"
        verbose_name_plural = "văn bản được nhắc đến"
        ordering = ["article", "symbol_key"]

    def __str__(self):
        return self.symbol + (f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else "")


class CitationChoice(SiteContent):
    """An editor's own decision about one article's link to one document.

    "Thêm" keeps a link the text does not make; "Bỏ" keeps out a link the recogniser would
    make. Both survive later saves of the article.
    """

    class Choice(models.TextChoices):
        ADDED = "them", "Biên tập viên thêm"
        REMOVED = "bo", "Biên tập viên bỏ"

    article = models.ForeignKey(
        "news.Article", on_delete=models.CASCADE, related_name="citation_choices"
    )
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="citation_choices"
    )
    choice = models.CharField("lựa chọn", max_length=4, choices=Choice.choices)
    created_at = models.DateTimeField("ngày tạo", auto_now=True)

    class Meta:
        verbose_name = "lựa chọn liên kết của biên tập viên"
        verbose_name_plural = "lựa chọn liên kết của biên tập viên"
        ordering = ["article", "document"]
        constraints = [
            models.UniqueConstraint(fields=["article", "document"], name="citation_choice_unique")
        ]

    def __str__(self):
        return f"{self.get_choice_display()}: {self.document}"
