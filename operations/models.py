from django.contrib.admin.models import LogEntry
from django.db import models

from multisite.models import SiteContent


class AuditEntry(LogEntry):
    """Django's record of every change made in the admin, under Vietnamese labels (Django's own
    translation calls it "mục đăng nhập", login entries, which it is not)."""

    class Meta:
        proxy = True
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-action_time"]


class AuditSite(SiteContent):
    """The site an admin change was made on (its host's): each site's audit log lists its own.

    Beside Django's LogEntry, which has no site; written by multisite.scoped_admin for every
    change the admin of a site's content logs. Entries without one are the platform's (users,
    sites, the calendar)."""

    entry = models.OneToOneField(
        LogEntry, primary_key=True, on_delete=models.CASCADE, related_name="audit_site"
    )

    class Meta:
        verbose_name = "trang của mục nhật ký"
        verbose_name_plural = "trang của các mục nhật ký"

    def __str__(self):
        return f"{self.entry_id}: {self.site_id}"
