"""Visitor statistics: small aggregate tables, never a log of requests.

No table holds an IP address or a User-Agent: a visitor is a keyed hash that changes every
local day, with the day's salt destroyed after two days.

Each site counts its own (DESIGN.md "Sites"): keys, days, months and totals carry the site; the
day's salt is the installation's (it names no one, and a reader of two sites is a visitor of
each, told apart by the site).
"""

from django.contrib.sites.models import Site
from django.db import models

import multisite


def _site(**options):
    return models.ForeignKey(
        "sites.Site", on_delete=models.CASCADE, related_name="+", verbose_name="trang",
        default=multisite.current_site_id, **options,
    )  # fmt: skip


class DailySalt(models.Model):
    """The random salt of one local day, shared by every process through the database."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)

    class Meta:
        verbose_name = "khóa muối trong ngày"
        verbose_name_plural = "khóa muối trong ngày"

    def __str__(self):
        return str(self.day)


class ActiveVisitor(models.Model):
    """A visitor key seen recently: answers "online" and where a visit starts.

    `previous_seen` is written by the same upsert that moves `last_seen`, so the statement's
    RETURNING tells, atomically, whether this page view starts a visit.
    """

    site = _site()
    key = models.CharField(max_length=64)
    # Indexed with the site (below). Pruning across sites scans: the table holds only the keys
    # seen in the last half hour or so.
    last_seen = models.DateTimeField()
    previous_seen = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "khách đang hoạt động"
        verbose_name_plural = "khách đang hoạt động"
        constraints = [models.UniqueConstraint(fields=["site", "key"], name="visitor_site_key")]
        # "Đang online" of one site: an index range over its recent keys.
        indexes = [models.Index(fields=["site", "last_seen"], name="visitor_site_seen")]

    def __str__(self):
        return self.key[:12]


class DailyStats(models.Model):
    """Visits and page views of one local day (Asia/Ho_Chi_Minh)."""

    site = _site()
    day = models.DateField("ngày")
    visits = models.PositiveBigIntegerField("lượt truy cập", default=0)
    page_views = models.PositiveBigIntegerField("lượt xem trang", default=0)

    class Meta:
        verbose_name = "thống kê ngày"
        verbose_name_plural = "thống kê theo ngày"
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="dailystats_site_day")]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}"


class MonthlyStats(models.Model):
    """Old days rolled up by `prune_visitors`: one row a month keeps the history small."""

    site = _site()
    month = models.DateField("tháng")  # the first day of the month
    visits = models.PositiveBigIntegerField("lượt truy cập", default=0)
    page_views = models.PositiveBigIntegerField("lượt xem trang", default=0)

    class Meta:
        verbose_name = "thống kê tháng"
        verbose_name_plural = "thống kê theo tháng"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["site", "month"], name="monthlystats_site_month")
        ]

    def __str__(self):
        return f"{self.month:%m/%Y}"


class VisitorTotalsManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(site__profile__code=code)


class VisitorTotals(models.Model):
    """ "Tất cả" = the old site's baseline + every visit counted here (one row per site).

    The natural key is the site's code. A fixture row that names no site (the 35-NQ/TW report's
    baseline) belongs to the site it is loaded into: `site`'s default is the loading context's
    site, else the default site (multisite.current_site_id)."""

    site = models.OneToOneField(
        "sites.Site", on_delete=models.CASCADE, related_name="visitor_totals",
        verbose_name="trang", default=multisite.current_site_id, editable=False,
    )  # fmt: skip
    baseline = models.PositiveBigIntegerField(
        "số lượt truy cập từ trang cũ", default=0,
        help_text="Tổng số lượt truy cập của trang thông tin cũ, cộng vào con số “Tất cả”.",
    )  # fmt: skip
    visits = models.PositiveBigIntegerField("lượt truy cập đếm tại đây", default=0, editable=False)

    objects = VisitorTotalsManager()

    class Meta:
        verbose_name = "tổng lượt truy cập"
        verbose_name_plural = "tổng lượt truy cập"

    def __str__(self):
        return "Tổng lượt truy cập"

    def natural_key(self):
        return (self.site.profile.code,)

    natural_key.dependencies = ["multisite.siteprofile"]

    def loaddata_merge(self, existing):
        """A fixture sets the baseline only where none is set, and never touches the visits."""
        VisitorTotals.objects.filter(pk=existing.pk, baseline=0).update(baseline=self.baseline)
        return False

    @property
    def total(self):
        return self.baseline + self.visits


class SiteFigures(Site):
    """Every site with its four numbers: the platform's table in the admin (superuser)."""

    class Meta:
        proxy = True
        verbose_name = "số liệu của các trang"
        verbose_name_plural = "số liệu truy cập các trang"
