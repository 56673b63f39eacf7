"""Visitor statistics: small aggregate tables, never a log of requests.

No table holds an IP address or a User-Agent: a visitor is a keyed hash that changes every
local day, with the day's salt destroyed after two days.
"""

from django.db import models


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

    key = models.CharField(max_length=64, primary_key=True)
    last_seen = models.DateTimeField(db_index=True)
    previous_seen = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "khách đang hoạt động"
        verbose_name_plural = "khách đang hoạt động"

    def __str__(self):
        return self.key[:12]


class DailyStats(models.Model):
    """Visits and page views of one local day (Asia/Ho_Chi_Minh)."""

    day = models.DateField("ngày", primary_key=True)
    visits = models.PositiveBigIntegerField("lượt truy cập", default=0)
    page_views = models.PositiveBigIntegerField("lượt xem trang", default=0)

    class Meta:
        verbose_name = "thống kê ngày"
        verbose_name_plural = "thống kê theo ngày"
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}"


class MonthlyStats(models.Model):
    """Old days rolled up by `prune_visitors`: one row a month keeps the history small."""

    month = models.DateField("tháng", primary_key=True)  # the first day of the month
    visits = models.PositiveBigIntegerField("lượt truy cập", default=0)
    page_views = models.PositiveBigIntegerField("lượt xem trang", default=0)

    class Meta:
        verbose_name = "thống kê tháng"
        verbose_name_plural = "thống kê theo tháng"
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%m/%Y}"


class VisitorTotalsManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class VisitorTotals(models.Model):
    """ "Tất cả" = the old site's baseline + every visit counted here (one row)."""

    code = models.CharField(max_length=20, unique=True, default="main", editable=False)
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
        return (self.code,)

    def loaddata_merge(self, existing):
        """A fixture sets the baseline only where none is set, and never touches the visits."""
        VisitorTotals.objects.filter(pk=existing.pk, baseline=0).update(baseline=self.baseline)
        return False

    @property
    def total(self):
        return self.baseline + self.visits
