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

    def spokespersons(self):
        """The spokespersons the public reads (issue 19)."""
        return self.active().filter(is_spokesperson=True)


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

    # --- Organisation and contacts (issue 19, part A: organisation/) -------------------------
    # Nghị định 224/2026 Điều 9 khoản 1 điểm c (the leaders' short biographies and duties),
    # Nghị định 244/2026 Điều 3 khoản 3 (the spokesperson's contacts), Nghị định 13/2018
    # Điều 11 (the focal person for information requests).
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name="đơn vị", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="people",
    )  # fmt: skip
    position_en = models.CharField("chức vụ (tiếng Anh)", max_length=200, blank=True)
    biography = models.TextField(
        "tóm tắt tiểu sử", blank=True, help_text="Năm sinh, quê quán, trình độ, quá trình công tác."
    )
    duties = models.TextField(
        "nhiệm vụ được phân công", blank=True, help_text="Lĩnh vực phụ trách; mỗi ý một dòng."
    )
    official_phone = models.CharField("điện thoại công vụ", max_length=50, blank=True)
    official_email = models.EmailField("thư điện tử công vụ", blank=True)
    is_spokesperson = models.BooleanField(
        "người phát ngôn", default=False,
        help_text="Họ tên, chức vụ, điện thoại, thư điện tử của người phát ngôn phải có trên "
        "trang trong 24 giờ kể từ khi có quyết định (Nghị định 244/2026 Điều 3 khoản 3).",
    )  # fmt: skip
    is_information_focal = models.BooleanField(
        "đầu mối cung cấp thông tin", default=False,
        help_text="Người tiếp nhận, xử lý yêu cầu cung cấp thông tin của công dân "
        "(Nghị định 13/2018 Điều 11).",
    )  # fmt: skip
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    # --- end of issue 19's block -------------------------------------------------------------

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "lãnh đạo, cán bộ"
        verbose_name_plural = "lãnh đạo, cán bộ"
        ordering = ["order", "name"]
        indexes = [models.Index(fields=["site", "is_active", "order"])]

    def __str__(self):
        return f"{self.name} ({self.position})" if self.position else self.name
