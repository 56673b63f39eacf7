"""Site notices (issue 19): a banner the site's administrator schedules, and the planned
maintenance rule of Nghị định 224/2026/NĐ-CP Điều 13: downtime announced at least
MAINTENANCE_NOTICE_WORKING_DAYS (07) working days ahead on the shared calendar, with the
expected recovery. An unplanned outage is announced when it happens and is never blocked."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone

from core.publication import Publication
from multisite.models import SiteContent
from workdays.calendar import add_working_days, working_days_between

# Shown while enabled, from `shown_from` until `shown_until` (the articles' rule, core.publication).
SHOWN = Publication("enabled", True, "shown_from", "shown_until")


def _day(moment):
    return timezone.localdate(moment)


def _vi(moment):
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


class SiteNoticeQuerySet(models.QuerySet):
    def shown(self, now=None):
        """What the banner shows now."""
        return self.filter(SHOWN.live_q(now))

    def not_over(self, now=None):
        """Enabled and not past their end: shown now or later."""
        return self.filter(enabled=True, shown_until__gt=now or timezone.now())

    def downtime(self, now=None):
        """Maintenance and outage notices not over yet: what the static page nginx serves while
        the application is down tells (notices.services)."""
        levels = [SiteNotice.Level.MAINTENANCE, SiteNotice.Level.OUTAGE]
        return self.not_over(now).filter(level__in=levels)


class SiteNotice(SiteContent):
    class Level(models.TextChoices):
        INFO = "thong-tin", "Thông tin"
        WARNING = "canh-bao", "Cảnh báo"
        MAINTENANCE = "bao-tri", "Bảo trì có kế hoạch"
        OUTAGE = "su-co", "Sự cố"

    level = models.CharField("mức", max_length=10, choices=Level.choices, default=Level.INFO)
    text = models.TextField(
        "nội dung", max_length=1000,
        help_text="Văn bản thuần, hiện trên mọi trang của trang thông tin khi đang hiển thị.",
    )  # fmt: skip
    shown_from = models.DateTimeField("hiển thị từ", default=timezone.now)
    shown_until = models.DateTimeField("hiển thị đến")
    enabled = models.BooleanField("đang bật", default=True)
    maintenance_from = models.DateTimeField(
        "bắt đầu tạm dừng", null=True, blank=True,
        help_text="Bảo trì có kế hoạch: bắt buộc, đăng trước ít nhất số ngày làm việc luật định.",
    )  # fmt: skip
    recovery_at = models.DateTimeField(
        "dự kiến hoạt động lại", null=True, blank=True,
        help_text="Bảo trì có kế hoạch: bắt buộc. Sự cố: nên ghi nếu đã ước tính được.",
    )  # fmt: skip
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = SiteNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo trên trang"
        verbose_name_plural = "thông báo trên trang (bảo trì, sự cố)"
        ordering = ["-shown_from", "-id"]
        indexes = [models.Index(fields=["site", "enabled", "shown_from", "shown_until"])]

    def __str__(self):
        return f"{self.get_level_display()}: {self.text[:60]}"

    @property
    def announced_at(self):
        """When the public first reads it: its first moment on the banner, never before the
        notice was written (a banner dated in the past announces nothing back then)."""
        written = self.created_at or timezone.now()
        return max(self.shown_from, written) if self.shown_from else written

    def earliest_maintenance_day(self):
        """The first day a maintenance may start when announced on `announced_at`: the
        working days strictly between the two days number at least the setting's."""
        n = settings.MAINTENANCE_NOTICE_WORKING_DAYS
        return add_working_days(_day(self.announced_at), n) + timedelta(days=1)

    def clean(self):
        errors = {}
        if self.shown_from and self.shown_until and self.shown_until <= self.shown_from:
            errors["shown_until"] = "Thời điểm kết thúc hiển thị phải sau thời điểm bắt đầu."
        if self.maintenance_from and self.recovery_at and self.recovery_at <= self.maintenance_from:
            errors["recovery_at"] = "Thời điểm dự kiến hoạt động lại phải sau lúc bắt đầu tạm dừng."
        if self.level == self.Level.MAINTENANCE:
            errors.update(self._maintenance_errors())
        if errors:
            raise ValidationError(errors)

    def _maintenance_errors(self):
        errors = {}
        if not self.recovery_at:
            errors["recovery_at"] = (
                "Thông báo bảo trì có kế hoạch phải ghi thời điểm dự kiến hoạt động lại."
            )
        if not self.maintenance_from:
            errors["maintenance_from"] = (
                "Thông báo bảo trì có kế hoạch phải ghi lúc bắt đầu tạm dừng."
            )
            return errors
        if not self.shown_from:
            return errors
        n = settings.MAINTENANCE_NOTICE_WORKING_DAYS
        announced = _day(self.announced_at)
        if working_days_between(announced, _day(self.maintenance_from)) < n:
            earliest = self.earliest_maintenance_day()
            errors["maintenance_from"] = (
                f"Bảo trì có kế hoạch phải được thông báo trước ít nhất {n:02d} ngày làm việc "
                "(Nghị định 224/2026/NĐ-CP, Điều 13). Thông báo hiển thị từ "
                f"{_vi(self.announced_at)} thì sớm nhất được tạm dừng từ ngày "
                f"{earliest:%d/%m/%Y}; nếu cần tạm dừng ngay vì sự cố, hãy chọn mức “Sự cố”."
            )
        elif self.shown_until and self.recovery_at and self.shown_until < self.recovery_at:
            errors["shown_until"] = (
                "Thông báo bảo trì phải hiển thị đến ít nhất thời điểm dự kiến hoạt động lại "
                f"({_vi(self.recovery_at)})."
            )
        return errors


_table_exists = False


def notices_not_over(site):
    """The notices of `site` (an OuterRef) not over yet, for multisite.resolver's `has_notices`;
    None until the table exists (asked once per process, while migrating a new database)."""
    global _table_exists
    if not _table_exists:
        _table_exists = SiteNotice._meta.db_table in connection.introspection.table_names()
        if not _table_exists:
            return None
    return SiteNotice.objects.filter(site=site).not_over()
