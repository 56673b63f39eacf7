from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Thông báo trên trang (bảo trì, sự cố)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pagecache.version import watch

        from .models import SiteNotice

        # The banner is on every public page of its site: a change bumps the site's version.
        watch(SiteNotice)
