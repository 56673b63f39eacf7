"""Lịch công tác (the leaders' work schedule) and lịch tiếp công dân (citizen reception).

Both are dated entries with a draft/published status of their own (not the article workflow):
editors enter them, approvers publish them (editorial/roles.py, "schedule.*"). An entry changed
after publication keeps its identity (its iCalendar UID) and shows "Điều chỉnh" with the time
of the change (services.save_entry decides what counts as a change).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from multisite.models import SiteContent


class Status(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PUBLISHED = "published", "Đã công bố"


class EntryQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: published entries (the day itself is no secret once published)."""
        return self.filter(status=Status.PUBLISHED)

    def between(self, first, last):
        return self.filter(day__gte=first, day__lte=last)


class DatedEntry(SiteContent):
    day = models.DateField("ngày")
    start = models.TimeField("bắt đầu")
    end = models.TimeField("kết thúc", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True, editable=False)
    adjusted_at = models.DateTimeField(
        "điều chỉnh lúc", null=True, blank=True, editable=False,
        help_text="Lần sửa gần nhất sau khi đã công bố.",
    )  # fmt: skip
    # iCalendar: the UID never changes, SEQUENCE counts the published revisions (RFC 5545), so a
    # phone calendar updates the event it already has instead of adding a second one.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    created_at = models.DateTimeField("nhập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["day", "start"]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "Giờ kết thúc phải sau giờ bắt đầu."})

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


def is_own_draft(user, entry, verb):
    """An editor's own entry, while it is a draft (editorial.permissions.OWNERSHIP)."""
    return entry.created_by_id == user.pk and entry.status == Status.DRAFT


class WorkEntry(DatedEntry):
    leaders = models.ManyToManyField(
        "people.Person", verbose_name="lãnh đạo", related_name="work_entries", blank=True,
        help_text="Lãnh đạo chủ trì hoặc tham dự.",
    )  # fmt: skip
    content = models.TextField("nội dung")
    venue = models.CharField("địa điểm", max_length=300, blank=True)
    participants = models.TextField("thành phần", blank=True)
    preparing_unit = models.CharField("đơn vị chuẩn bị", max_length=300, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta(DatedEntry.Meta):
        verbose_name = "mục lịch công tác"
        verbose_name_plural = "lịch công tác"
        indexes = [models.Index(fields=["site", "status", "day", "start"])]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.start:%H:%M}: {self.content[:80]}"

    def get_absolute_url(self):
        return reverse("schedules:day", args=[self.day.isoformat()])


class ReceptionInfo(SiteContent):
    """The place and regular hours of citizen reception (Luật Tiếp công dân 2013, Điều 24 khoản
    2): one per site."""

    place = models.CharField("địa điểm tiếp công dân", max_length=300)
    hours = models.TextField(
        "thời gian tiếp công dân thường xuyên",
        help_text="Ví dụ: Sáng từ 7 giờ 00 đến 11 giờ 00, chiều từ 13 giờ 00 đến 17 giờ 00, các "
        "ngày làm việc trong tuần.",
    )  # fmt: skip
    rules = models.TextField(
        "nội quy, ghi chú", blank=True, help_text="Giấy tờ cần mang theo, số điện thoại liên hệ..."
    )
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "nơi và giờ tiếp công dân"
        verbose_name_plural = "nơi và giờ tiếp công dân"
        constraints = [models.UniqueConstraint(fields=["site"], name="receptioninfo_one_per_site")]

    def __str__(self):
        return self.place


class ReceptionDay(DatedEntry):
    """A day the head (or a deputy he names) receives citizens (Điều 24 khoản 4): published on
    the portal at least RECEPTION_NOTICE_WORKING_DAYS working days ahead."""

    host = models.ForeignKey(
        "people.Person", verbose_name="người chủ trì tiếp", on_delete=models.PROTECT,
        related_name="reception_days",
    )  # fmt: skip
    venue = models.CharField(
        "địa điểm",
        max_length=300,
        blank=True,
        help_text="Để trống: nơi tiếp công dân thường xuyên.",
    )
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta(DatedEntry.Meta):
        verbose_name = "ngày tiếp công dân"
        verbose_name_plural = "lịch tiếp công dân của người đứng đầu"
        indexes = [models.Index(fields=["site", "status", "day"])]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.start:%H:%M}: {self.host.name}"

    def get_absolute_url(self):
        return reverse("schedules:reception")
