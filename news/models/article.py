from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.publication import Publication
from core.text import SLUG_MAX_LENGTH, unique_slug
from core.urls import slug_url
from multisite.current import site_for_code
from multisite.models import SiteContent
from photos import library
from photos.fields import PhotoField
from photos.validators import images_have_alt

from ..fields import RenderedHTMLField, SanitizedHTMLField

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]


PUBLISHED = "published"
# The publication rule (core.publication) on the article's columns.
PUBLICATION = Publication("status", PUBLISHED, "published_at", "expires_at")
# The home's "Thông báo" block (issue 19): a published notice until its own end; after it the
# notice leaves the block, its page stays (expires_at is the article's end, notice_until only
# the block's).
NOTICE_BLOCK = Publication("status", PUBLISHED, "published_at", "notice_until")
# Where the gallery goes in the rendered body (news.rendering); nh3 strips the editors' comments.
GALLERY_MARK = "<!--gallery-->"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: approved, its time has come, and not yet expired."""
        return self.filter(PUBLICATION.live_q())

    def current_notices(self):
        """The home's "Thông báo": public articles of a notice category still within their
        notice date (none set: until the article itself expires)."""
        return self.published().filter(NOTICE_BLOCK.live_q(), category__is_notice=True)

    def pending(self):
        """Waiting for an approver (Chờ duyệt)."""
        return self.filter(status=Article.Status.PENDING)

    def for_listing(self):
        """What a list prints: title, lead, date, cover and category; never the body."""
        return self.select_related("category").defer("body", "body_html")

    def for_detail(self):
        # The page prints the rendered body, never the editor's source; the site with its
        # profile comes along (the page's links and identity read it).
        return (
            self.select_related("category", "category__parent", "site__profile")
            .defer("body")
            .prefetch_related("images", "documents", "attachments")
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug, site_code=None):
        return self.get(slug=slug, site=site_for_code(site_code))


class Article(SiteContent):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PENDING = "pending", "Chờ duyệt"
        PUBLISHED = PUBLISHED, "Đã xuất bản"

    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField(
        "đường dẫn", max_length=SLUG_MAX_LENGTH, blank=True,
        help_text="Để trống để tạo tự động từ tiêu đề. Không đổi được sau khi bài đã xuất bản.",
    )  # fmt: skip
    lead = models.TextField("sapo (tóm tắt)", blank=True)
    body = SanitizedHTMLField("nội dung", blank=True, validators=[images_have_alt])
    # The body as pages print it: references linked to documents, photos responsive, the
    # gallery's place marked. Rendered by news.services when the article is saved and when a
    # document it cites or could cite changes; a page view only prints it.
    body_html = RenderedHTMLField(null=True, blank=True, editable=False)
    category = models.ForeignKey(
        "news.Category",
        verbose_name="chuyên mục",
        on_delete=models.PROTECT,
        related_name="articles",
    )
    author_line = models.CharField("tác giả", max_length=200, blank=True)
    cover = PhotoField(
        "ảnh đại diện", upload_to="news/%Y/%m/", blank=True,
        width_field="cover_width", height_field="cover_height",
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
    )  # fmt: skip
    # Stored so that pages print width/height without opening the file.
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_caption = models.CharField("chú thích ảnh đại diện", max_length=500, blank=True)
    cover_alt = models.CharField("mô tả ảnh đại diện (alt)", max_length=300, blank=True)
    # Photo library (issue 5): the cover may be picked from the library instead of uploaded.
    cover_photo = models.ForeignKey(
        "photos.Photo", verbose_name="hoặc chọn ảnh đại diện từ thư viện", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    gallery_title = models.CharField(
        "tiêu đề bộ ảnh",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Một số hình ảnh tại Hội nghị",
    )
    gallery_after = models.PositiveSmallIntegerField(
        "chèn bộ ảnh sau đoạn thứ", null=True, blank=True,
        help_text="Số thứ tự đoạn văn trong nội dung; để trống để đặt bộ ảnh cuối bài.",
    )  # fmt: skip
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("ngày xuất bản", null=True, blank=True, db_index=True)
    expires_at = models.DateTimeField("ngày hết hạn", null=True, blank=True)
    notice_until = models.DateTimeField(
        "hiện trong khối Thông báo đến", null=True, blank=True,
        help_text="Chỉ dùng cho chuyên mục thông báo (Thông báo, Giấy mời, Tài liệu họp). Sau "
        "thời điểm này bài rời khối “Thông báo” trên trang chủ nhưng vẫn xem được; để trống: "
        "hiện đến khi bài hết hạn.",
    )  # fmt: skip
    is_featured = models.BooleanField("tin nổi bật", default=False)
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    # Filled from the references in the text by news.services; an editor's additions and
    # removals are remembered (documents/citations.py).
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name="văn bản được trích dẫn",
        blank=True,
        related_name="articles",
    )
    # Set once the article has been published: its URL is public from then on and never changes.
    slug_frozen = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    # The editorial workflow (see editorial/): who owns the draft, and a version number that
    # every save raises, so that a form loaded before someone else's save is refused.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", null=True, blank=True,
        editable=False, on_delete=models.SET_NULL, related_name="articles_created",
    )  # fmt: skip
    lock_version = models.PositiveIntegerField("phiên bản sửa", default=0, editable=False)

    objects = ArticleManager()

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="article_slug_per_site"),
        ]
        indexes = [
            # Every public list is one site's: the site leads (100 sites share the table). With
            # expires_at (and the category), the publication rule and a category's filter are
            # read from the index alone: lists and counts open only the rows they print (on
            # SQLite a row with its bodies spills onto overflow pages, and every column after
            # the body is read from there).
            models.Index(
                fields=["site", "status", "-published_at", "expires_at", "category"],
                name="article_public_idx",
            ),
            models.Index(
                fields=["category", "status", "-published_at", "expires_at"],
                name="article_cat_idx",
            ),
            # The home page's featured article: a handful of rows among 100,000.
            models.Index(
                fields=["site", "-published_at"],
                condition=Q(is_featured=True),
                name="article_featured_idx",
            ),
        ]
        permissions = [
            (
                "approve_article",
                "Duyệt bài: xuất bản, hẹn giờ, gỡ, trả lại, sửa bài của người khác",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug, self.site_code)

    def get_absolute_url(self):
        return slug_url("news:article", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "slug" in field_names:
            instance._stored_slug = instance.slug
        return instance

    @property
    def is_public(self):
        return PUBLICATION.is_live(self)

    def clean(self):
        if self.category_id and self.category.site_id != self.site_id:
            raise ValidationError({"category": "Chuyên mục phải thuộc cùng trang với bài viết."})
        if self.cover_photo_id and self.cover_photo.site_id != self.site_id:
            raise ValidationError({"cover_photo": "Ảnh phải thuộc thư viện ảnh của trang này."})
        library.clean_linked(self, "cover", "cover_photo", "cover_alt", "cover_caption", False)
        stored = getattr(self, "_stored_slug", None)
        if self.slug_frozen and stored and self.slug != stored:
            raise ValidationError({"slug": "Bài đã xuất bản: đường dẫn không được thay đổi."})
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            raise ValidationError({"expires_at": "Ngày hết hạn phải sau ngày xuất bản."})
        if self.notice_until and self.published_at and self.notice_until <= self.published_at:
            raise ValidationError(
                {"notice_until": "Thời điểm rời khối Thông báo phải sau ngày xuất bản."}
            )

    def save(self, *args, **kwargs):
        """Derives the article's own fields. Saving an article with what follows from it (links
        to documents, the rendered body, search, versions, caches) is news.services.save_article."""
        stored = getattr(self, "_stored_slug", None)
        if self.slug_frozen and stored:
            self.slug = stored  # an old URL never breaks
        if not self.slug:
            taken = Article.objects.filter(site_id=self.site_id).exclude(pk=self.pk)
            self.slug = unique_slug(self.title, lambda s: taken.filter(slug=s).exists())
        if self.status == self.Status.PUBLISHED:
            if not self.published_at:
                self.published_at = timezone.now()
            self.slug_frozen = True
        if not self._state.adding:
            self.lock_version += 1
        with library.linked(self, "cover", "cover_photo", "cover_alt", "cover_caption"):
            super().save(*args, **kwargs)
        self._stored_slug = self.slug

    def body_parts(self):
        """The rendered body split where the gallery goes: (before, after)."""
        head, _, tail = (self.body_html or "").partition(GALLERY_MARK)
        # body_html is read from the database, hence sanitised (RenderedHTMLField).
        return mark_safe(head), mark_safe(tail)  # noqa: S308


class ArticleImageManager(models.Manager):
    def get_by_natural_key(self, article_slug, photo, site_code=None):
        site = site_for_code(site_code)
        return self.get(article__slug=article_slug, article__site=site, photo=photo)


class ArticleImage(SiteContent):
    """A photo of an article's gallery, with its caption."""

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="images"
    )
    photo = PhotoField(
        "ảnh", upload_to="news/%Y/%m/", width_field="width", height_field="height", blank=True,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
    )  # fmt: skip
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField("chú thích", max_length=500, blank=True)
    alt = models.CharField("mô tả ảnh (alt)", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    # Photo library (issue 5): pick a library photo instead of uploading it again.
    library_photo = models.ForeignKey(
        "photos.Photo", verbose_name="hoặc chọn từ thư viện ảnh", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    objects = ArticleImageManager()

    class Meta:
        verbose_name = "ảnh trong bộ ảnh"
        verbose_name_plural = "bộ ảnh"
        ordering = ["order", "id"]

    def __str__(self):
        return self.caption or self.alt

    def natural_key(self):
        return (self.article.slug, self.photo.name, self.article.site_code)

    def clean(self):
        article = getattr(self, "article", None)
        site_id = article.site_id if article is not None else self.site_id
        if self.library_photo_id and self.library_photo.site_id != site_id:
            raise ValidationError({"library_photo": "Ảnh phải thuộc thư viện ảnh của trang này."})
        library.clean_linked(self, "photo", "library_photo", "alt", "caption")

    def save(self, *args, **kwargs):
        self.site_id = self.article.site_id  # a gallery is its article's
        with library.linked(self, "photo", "library_photo", "alt", "caption"):
            super().save(*args, **kwargs)

    natural_key.dependencies = ["news.article"]
