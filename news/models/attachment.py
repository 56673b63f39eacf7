"""Files attached to an article: a notice's text, an invitation, the meeting's papers.

An attachment belongs to its article (not to the document library, which holds the unit's
legal documents with their symbols and dates: an invitation has neither). It goes through the
library's validator (real PDF/DOC/DOCX, size limit, no macros or JavaScript), and is saved by
the article's one write path (news.services.save_article, `related`) with the article.
"""

from django.core.validators import FileExtensionValidator
from django.db import models

from documents.validators import DOCUMENT_EXTENSIONS, NAMES, validate_document_file
from multisite.models import SiteContent


class ArticleAttachment(SiteContent):
    article = models.ForeignKey(
        "news.Article", verbose_name="bài viết", on_delete=models.CASCADE,
        related_name="attachments",
    )  # fmt: skip
    title = models.CharField(
        "tên tệp hiển thị", max_length=300, blank=True,
        help_text="Ví dụ: Giấy mời họp; để trống để dùng tên tệp.",
    )  # fmt: skip
    file = models.FileField(
        "tệp đính kèm", upload_to="dinh-kem/%Y/%m/", max_length=200,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_file],
        help_text="PDF, DOC hoặc DOCX; kiểm tra theo nội dung tệp, không nhận tệp có macro.",
    )  # fmt: skip
    # Stored so that the page prints "PDF, 1,2 MB" without asking the storage.
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["order", "id"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]  # titled on save; a raw row

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else ""

    @property
    def format_name(self):
        """ "PDF", "Word (DOCX)": what a reader's device will open."""
        return NAMES.get(self.extension, self.extension.upper())

    def save(self, *args, **kwargs):
        self.site_id = self.article.site_id  # an attachment is its article's
        if not self.title and self.file:
            # The name the editor's file had: the storage gives it an unguessable one.
            self.title = self.file.name.rsplit("/", 1)[-1][:300]
        try:
            self.file_size = self.file.size
        except OSError:  # named but missing from the storage
            self.file_size = None
        super().save(*args, **kwargs)
