from django.db import models


class ContentVersion(models.Model):
    """One row per site: a number bumped whenever content the site shows is saved or deleted.

    Every process compares its cached pages of the site against it (read at most once per
    PAGE_CACHE_VERSION_SECONDS), so an edit reaches all processes and servers within seconds.
    A site without a row has never changed: its version is 0.
    """

    site = models.OneToOneField(
        "sites.Site", on_delete=models.CASCADE, related_name="+", verbose_name="trang"
    )
    number = models.BigIntegerField("phiên bản", default=0)
    changed_at = models.DateTimeField("thay đổi lúc", auto_now=True)

    class Meta:
        verbose_name = "phiên bản nội dung"
        verbose_name_plural = "phiên bản nội dung"

    def __str__(self):
        return f"Phiên bản nội dung {self.number}"
