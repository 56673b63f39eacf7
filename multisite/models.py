"""Sites (DESIGN.md, "Sites"): Django's `sites.Site` holds the domain and is the key every content
row points at; `SiteProfile` beside it holds the stable code, the parent, the default flag and
the identity (the footer the law requires, the unit's name, logo, banner, map)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models import F, Q

from editorial.roles import ROLE_CHOICES, ROLE_OF_CODE
from photos.fields import PhotoField

from . import current_site_id

DEFAULT_CODE = "main"
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]


def _photo(label, folder, prefix):
    return PhotoField(
        label, upload_to=folder, blank=True,
        width_field=f"{prefix}_width", height_field=f"{prefix}_height",
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
    )  # fmt: skip


def _dimension():
    return models.PositiveIntegerField(null=True, blank=True, editable=False)


class SiteProfileQuerySet(models.QuerySet):
    def default(self):
        return self.filter(is_default=True)


class SiteProfileManager(models.Manager.from_queryset(SiteProfileQuerySet)):
    def get_by_natural_key(self, code=""):
        """A fixture's identity without a code (the 35-NQ/TW report's) belongs to the site it is
        loaded into: `loaddata --site`, else the default site (multisite.current_site)."""
        if not code:
            from .current import current_site

            return self.get(pk=current_site().pk)
        return self.get(code=code)


class SiteProfile(models.Model):
    """One site's code, place among the sites, and identity. Its primary key is the site's."""

    site = models.OneToOneField(
        "sites.Site", verbose_name="tên miền", primary_key=True, on_delete=models.CASCADE,
        related_name="profile",
    )  # fmt: skip
    code = models.SlugField(
        "mã trang", max_length=50, unique=True,
        help_text="Ngắn, không dấu, không đổi sau khi tạo (ví dụ: xa-hoa-loi). Dùng trong tệp "
        "dữ liệu mẫu và địa chỉ thử nghiệm http://<mã>.localhost:8000/.",
    )  # fmt: skip
    parent = models.ForeignKey(
        "sites.Site", verbose_name="trang cấp trên", null=True, blank=True,
        on_delete=models.PROTECT, related_name="child_profiles",
        help_text="Cổng thông tin của tỉnh mà trang thành phần này thuộc về (chỉ một cấp).",
    )  # fmt: skip
    is_default = models.BooleanField(
        "trang mặc định", default=False,
        help_text="Trả lời mọi tên miền chưa gán cho trang nào. Luôn có đúng một trang mặc định.",
    )  # fmt: skip

    # --- the identity (moved here from news.SiteIdentity) ---------------------------------------
    site_name = models.CharField("tên trang", max_length=200, default="Trang thông tin điện tử")
    name_line_1 = models.CharField(
        "tên đơn vị, dòng 1", max_length=120, blank=True,
        help_text="Dòng trên của tên ở đầu trang, ví dụ: TRANG THÔNG TIN ĐIỆN TỬ",
    )  # fmt: skip
    name_line_2 = models.CharField(
        "tên đơn vị, dòng 2", max_length=120, blank=True,
        help_text="Dòng dưới, ví dụ: XÃ HÒA LỢI",
    )  # fmt: skip
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
    logo = _photo("logo hoặc quốc huy", "nhan-dien/", "logo")
    logo_width, logo_height = _dimension(), _dimension()
    banner = _photo("ảnh đầu trang (banner)", "nhan-dien/", "banner")
    banner_width, banner_height = _dimension(), _dimension()
    map_image = _photo("bản đồ hành chính", "ban-do/", "map")
    map_width, map_height = _dimension(), _dimension()
    map_alt = models.CharField("mô tả bản đồ (alt)", max_length=300, blank=True)

    objects = SiteProfileManager()

    class Meta:
        verbose_name = "thông tin trang"
        verbose_name_plural = "thông tin trang"
        ordering = ["-is_default", "parent_id", "code"]
        constraints = [
            # Exactly one default: at most one here, at least one by clean() and save().
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="siteprofile_one_default"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("site")), name="siteprofile_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.site_name

    def natural_key(self):
        return (self.code,)

    def loaddata_merge(self, existing):
        """A fixture fills the identity of a site nobody has configured yet, never one that was,
        and never changes what makes a site a site (code, parent, default flag)."""
        if existing.is_configured:
            return False
        self.code, self.parent_id, self.is_default = (
            existing.code, existing.parent_id, existing.is_default
        )  # fmt: skip
        return True

    @property
    def is_configured(self):
        default_name = self._meta.get_field("site_name").default
        filled = (self.managing_unit, self.address, self.responsible_person, self.phone, self.email)
        return self.site_name != default_name or any(filled)

    @property
    def unit_name_lines(self):
        """The header's two lines; the site name when neither is filled in."""
        lines = [line for line in (self.name_line_1, self.name_line_2) if line]
        return lines or [self.site_name]

    def clean(self):
        errors = {}
        if self.parent_id is not None:
            if self.parent_id == self.site_id:
                errors["parent"] = "Một trang không thể là trang cấp trên của chính nó."
            elif SiteProfile.objects.filter(pk=self.parent_id, parent__isnull=False).exists():
                errors["parent"] = (
                    "Trang cấp trên phải là cổng cấp tỉnh (không thuộc trang nào khác): "
                    "chỉ một cấp."
                )
            elif self.site_id and SiteProfile.objects.filter(parent_id=self.site_id).exists():
                errors["parent"] = (
                    "Trang này đang có các trang thành phần, nên không thể thuộc trang khác."
                )
        if not self.is_default and self.site_id:
            others = SiteProfile.objects.default().exclude(pk=self.site_id)
            if not others.exists():
                errors["is_default"] = (
                    "Phải luôn có một trang mặc định: hãy chọn trang mặc định khác trước."
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_default:
                # The flag moves: the constraint allows one, so the old default gives it up first.
                SiteProfile.objects.default().exclude(pk=self.pk).update(is_default=False)
            super().save(*args, **kwargs)


class SitesVersion(models.Model):
    """One row: a number that every change of a site or its profile raises.

    Each process caches host -> site answers and checks them against this number on every
    request (one primary-key read), so a site created or edited on one server answers on every
    server at once (multisite.resolver).
    """

    number = models.BigIntegerField("phiên bản", default=0)
    # Random on each change: a number alone could come back (a rolled-back transaction, a
    # database restored from a backup) while a process still holds answers cached under it.
    stamp = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = "phiên bản danh sách trang"
        verbose_name_plural = "phiên bản danh sách trang"

    def __str__(self):
        return f"Phiên bản danh sách trang {self.number}"


class SiteContent(models.Model):
    """A row that belongs to one site: every content model inherits it (DESIGN.md "Sites").

    The site is never a form field: the admin and every request path set it from
    `request.site`; rows made without one (loaddata, the shell, bulk commands) get the site of
    `multisite.context.using()`, else the default site.
    """

    site = models.ForeignKey(
        "sites.Site", verbose_name="trang", on_delete=models.PROTECT, related_name="+",
        default=current_site_id, editable=False,
    )  # fmt: skip

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        # A form never holds the site, so Django would skip every constraint that names it
        # ("slug unique per site") and leave the database to refuse the row with a 500.
        if exclude:
            exclude = set(exclude) - {"site"}
        super().validate_constraints(exclude=exclude)

    @property
    def site_code(self):
        return self.site.profile.code


class Membership(models.Model):
    """A user holds a role on a site (editorial/roles.py): Biên tập viên, Duyệt bài or Quản trị
    trang. Several roles on one site, and roles on several sites, are several rows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE,
        related_name="memberships",
    )  # fmt: skip
    site = models.ForeignKey(
        "sites.Site", verbose_name="trang", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("vai trò", max_length=20, choices=ROLE_CHOICES)

    class Meta:
        verbose_name = "vai trò trên trang"
        verbose_name_plural = "vai trò trên các trang"
        ordering = ["site_id", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "site", "role"], name="membership_unique")
        ]
        indexes = [models.Index(fields=["site", "role"], name="membership_site_role_idx")]

    def __str__(self):
        return f"{self.get_role_display()} – {self.site.profile}"

    @property
    def role_name(self):
        return ROLE_OF_CODE[self.role]
