"""Thủ tục hành chính (Nghị định 224/2026/NĐ-CP Điều 9 khoản 1 điểm a): the procedures a unit
handles, with the link to their online public service.

A procedure is owned by a parent site (a province) and shared with its children (its communes),
or by a site without a parent, like documents (DESIGN.md "Sites"): `visible_on(site)`. The
code is the procedure's code on the national database (Cơ sở dữ liệu quốc gia về thủ tục hành
chính); a re-import updates by code, never duplicates.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from core.text import vietnamese_slug
from documents.models import sharing_sites
from multisite.models import SiteContent

# Codes of the national database: "1.001193", "2.000815.000.00.00.H12". Also what keeps a code
# safe in a URL path and in the online service's address.
CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]*$"
valid_code = RegexValidator(
    CODE_PATTERN, "Mã thủ tục chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới."
)

# The national public-service portal's page of a procedure; a site may set its province's own.
NATIONAL_SERVICE_URL = (
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
)


class ProcedureQuerySet(models.QuerySet):
    def visible_on(self, site):
        """The procedures `site` shows: its own and its parent's (the one rule for the list,
        the detail page, search and the admin's choices)."""
        return self.filter(site_id__in=sharing_sites(site), is_active=True)


class Procedure(SiteContent):
    code = models.CharField(
        "mã thủ tục", max_length=60, validators=[valid_code],
        help_text="Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ: 1.001234.",
    )  # fmt: skip
    name = models.CharField("tên thủ tục", max_length=500)
    field = models.CharField("lĩnh vực", max_length=200)
    field_slug = models.SlugField("lĩnh vực (không dấu)", max_length=200, editable=False)
    level = models.CharField(
        "mức độ dịch vụ công", max_length=100, blank=True,
        help_text="Ví dụ: Toàn trình; Một phần.",
    )  # fmt: skip
    agency = models.CharField("cơ quan thực hiện", max_length=300, blank=True)
    processing_time = models.CharField("thời hạn giải quyết", max_length=300, blank=True)
    fee = models.CharField("phí, lệ phí", max_length=500, blank=True)
    papers = models.TextField("thành phần hồ sơ", blank=True)
    result = models.TextField("kết quả thực hiện", blank=True)
    legal_basis = models.TextField("căn cứ pháp lý", blank=True)
    is_active = models.BooleanField(
        "đang áp dụng", default=True, help_text="Bỏ chọn khi thủ tục bị bãi bỏ hoặc thay thế."
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["field", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="procedure_code_per_site")
        ]
        indexes = [models.Index(fields=["site", "field_slug", "name"])]

    def __str__(self):
        return f"{self.code} - {self.name}"

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)

    def derive_fields(self):
        """What save() derives (the importer's bulk writes call it too)."""
        self.field_slug = vietnamese_slug(self.field, 200)

    def get_absolute_url(self):
        return reverse("procedures:detail", args=[self.code])


class ProcedureSettings(SiteContent):
    """A site's settings for its procedures: the online service link and the import columns."""

    service_url_template = models.CharField(
        "mẫu địa chỉ dịch vụ công trực tuyến", max_length=500, default=NATIONAL_SERVICE_URL,
        help_text="{code} được thay bằng mã thủ tục. Mặc định: Cổng Dịch vụ công quốc gia.",
    )  # fmt: skip
    column_mapping = models.JSONField(
        "tên cột khi nhập từ bảng tính", default=dict, blank=True,
        help_text="Trường → tên cột trong tệp. Để trống: dùng tên cột của tệp mẫu.",
    )  # fmt: skip

    class Meta:
        verbose_name = "cấu hình thủ tục hành chính"
        verbose_name_plural = "cấu hình thủ tục hành chính"
        constraints = [
            models.UniqueConstraint(fields=["site"], name="proceduresettings_one_per_site")
        ]

    def __str__(self):
        return "Cấu hình thủ tục hành chính"

    def mapping(self):
        """The column names set for this site, anything malformed left out."""
        value = self.column_mapping if isinstance(self.column_mapping, dict) else {}
        return {key: name for key, name in value.items() if isinstance(name, str)}

    def clean(self):
        super().clean()
        from .importing import FIELDS

        mapping = self.column_mapping
        if not isinstance(mapping, dict) or any(
            key not in FIELDS or not isinstance(value, str) for key, value in mapping.items()
        ):
            raise ValidationError({"column_mapping": (
                "Phải là một đối tượng JSON {trường: tên cột}; các trường: " + ", ".join(FIELDS)
            )})  # fmt: skip
        if "{code}" not in self.service_url_template:
            raise ValidationError({"service_url_template": "Mẫu địa chỉ phải chứa {code}."})
        if not self.service_url_template.startswith("https://"):
            raise ValidationError({"service_url_template": "Địa chỉ phải bắt đầu bằng https://."})


def service_url(site, code):
    """The online public service of procedure `code`, as `site` links it: the site's template,
    else its parent's, else the national portal's."""
    templates = dict(
        ProcedureSettings.objects.filter(site_id__in=sharing_sites(site))
        .values_list("site_id", "service_url_template")
    )  # fmt: skip
    template = templates.get(site.pk) or templates.get(site.profile.parent_id)
    return (template or NATIONAL_SERVICE_URL).replace("{code}", code)
