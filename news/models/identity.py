from django.core.validators import FileExtensionValidator
from django.db import models

from photos.fields import PhotoField

SINGLETON_CODE = "main"


class SiteIdentityManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def current(self):
        """The one identity row, created empty on first use."""
        return self.get_or_create(code=SINGLETON_CODE)[0]


class SiteIdentity(models.Model):
    """Who runs the site: the footer the law requires. A singleton edited in the admin."""

    code = models.CharField(max_length=20, unique=True, default=SINGLETON_CODE, editable=False)
    site_name = models.CharField("tên trang", max_length=200, default="Trang thông tin điện tử")
    managing_unit = models.CharField("đơn vị quản lý", max_length=200, blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    responsible_person = models.CharField(
        "người chịu trách nhiệm chính", max_length=200, blank=True
    )
    responsible_role = models.CharField("chức vụ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    fax = models.CharField("fax", max_length=50, blank=True)
    email = models.EmailField("địa chỉ email", blank=True)
    attribution_note = models.CharField(
        "ghi chú trích dẫn nguồn", max_length=300, blank=True,
        help_text='Ví dụ: Ghi rõ nguồn "..." khi phát hành lại thông tin từ website này.',
    )  # fmt: skip
    credit_line = models.CharField("dòng ghi công", max_length=200, blank=True)
    map_image = PhotoField(
        "bản đồ hành chính", upload_to="ban-do/", blank=True,
        width_field="map_width", height_field="map_height",
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp", "gif"])],
    )  # fmt: skip
    map_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    map_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    map_alt = models.CharField("mô tả bản đồ (alt)", max_length=300, blank=True)

    objects = SiteIdentityManager()

    class Meta:
        verbose_name = "thông tin trang"
        verbose_name_plural = "thông tin trang"

    def __str__(self):
        return self.site_name

    def natural_key(self):
        return (self.code,)

    def loaddata_merge(self, existing):
        """A fixture fills an identity nobody has configured yet, never one that was."""
        return not existing.is_configured

    @property
    def is_configured(self):
        default_name = self._meta.get_field("site_name").default
        filled = (self.managing_unit, self.address, self.responsible_person, self.phone, self.email)
        return self.site_name != default_name or any(filled)

    def save(self, *args, **kwargs):
        self.code = SINGLETON_CODE
        super().save(*args, **kwargs)
