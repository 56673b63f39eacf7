from django.db import models


class ContentVersion(models.Model):
    """One row: a number bumped whenever public content is saved or deleted.

    Every process compares its cached pages against it (read at most once per
    PAGE_CACHE_VERSION_SECONDS), so an edit reaches all processes and servers within seconds.
    """

    number = models.BigIntegerField("phiên bản", default=0)
    changed_at = models.DateTimeField("thay đổi lúc", auto_now=True)

    class Meta:
        verbose_name = "phiên bản nội dung"
        verbose_name_plural = "phiên bản nội dung"

    def __str__(self):
        return f"Phiên bản nội dung {self.number}"
