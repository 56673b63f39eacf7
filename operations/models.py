from django.contrib.admin.models import LogEntry


class AuditEntry(LogEntry):
    """Django's record of every change made in the admin, under Vietnamese labels (Django's own
    translation calls it "mục đăng nhập", login entries, which it is not)."""

    class Meta:
        proxy = True
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-action_time"]
