"""The unit's people: its leaders and officials, per site (DESIGN.md "Sites").

The one model of people: the schedules point at them (the leaders concerned by a work-schedule
entry, the head who receives citizens), the transparency pages extend them (biographies,
duties, contacts) with fields of their own.
"""

from django.core.validators import FileExtensionValidator
from django.db import models

from multisite.models import SiteContent
from photos.fields import PhotoField


class PersonQuerySet(models.QuerySet):
    def active(self):
        """The people the site shows and the schedules offer: still in office."""
        return self.filter(is_active=True)


class Person(SiteContent):
    name = models.CharField("họ và tên", max_length=120)
    position = models.CharField(
        "chức vụ", max_length=200, help_text="Ví dụ: Chủ tịch Ủy ban nhân dân xã."
    )
    photo = PhotoField(
        "ảnh chân dung", upload_to="nguoi/", blank=True,
        width_field="photo_width", height_field="photo_height",
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp", "gif"])],
    )  # fmt: skip
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước (người đứng đầu: 1)."
    )
    is_active = models.BooleanField(
        "đang công tác", default=True,
        help_text="Bỏ chọn khi người này thôi giữ chức vụ: lịch cũ vẫn giữ tên, lịch mới không "
        "chọn được nữa.",
    )  # fmt: skip

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "lãnh đạo, cán bộ"
        verbose_name_plural = "lãnh đạo, cán bộ"
        ordering = ["order", "name"]
        indexes = [models.Index(fields=["site", "is_active", "order"])]

    def __str__(self):
        return f"{self.name} ({self.position})" if self.position else self.name
