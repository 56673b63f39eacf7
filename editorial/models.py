from django.conf import settings
from django.db import models


class ArticleEvent(models.Model):
    """One step of an article's workflow: who did what, when, and why."""

    class Action(models.TextChoices):
        CREATED = "created", "Tạo bài"
        SUBMITTED = "submitted", "Gửi duyệt"
        WITHDRAWN = "withdrawn", "Rút về bản nháp"
        SENT_BACK = "sent_back", "Trả lại"
        PUBLISHED = "published", "Xuất bản"
        SCHEDULED = "scheduled", "Hẹn giờ xuất bản"
        UNPUBLISHED = "unpublished", "Gỡ bài (về bản nháp)"
        RESTORED = "restored", "Khôi phục phiên bản"

    article = models.ForeignKey(
        "news.Article", verbose_name="bài viết", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField("thao tác", max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True,
        on_delete=models.SET_NULL, related_name="article_events",
    )  # fmt: skip
    at = models.DateTimeField("thời điểm", db_index=True)
    note = models.TextField("ghi chú / lý do", blank=True)
    # For scheduling: the publication time the approver chose.
    publish_at = models.DateTimeField("giờ xuất bản", null=True, blank=True)

    class Meta:
        verbose_name = "bước quy trình"
        verbose_name_plural = "lịch sử quy trình"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["article", "-at"], name="event_article_idx")]

    def __str__(self):
        return f"{self.get_action_display()} – {self.article}"


class EditPresence(models.Model):
    """Someone has an article's edit page open: the page's heartbeat refreshes `seen_at`.

    In the database, so that every worker and server sees every editor (editorial/presence.py).
    """

    article = models.ForeignKey(
        "news.Article", verbose_name="bài viết", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người sửa", on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    seen_at = models.DateTimeField("lần cuối thấy")

    class Meta:
        verbose_name = "người đang sửa bài"
        verbose_name_plural = "người đang sửa bài"
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="edit_presence_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.article_id}"
