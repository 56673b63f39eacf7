from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Giao diện cổng: menu và trang chủ"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pagecache.version import watch

        from .models import HomeBlock, MenuItem

        # Every menu item and home block is public: an edit reaches the site's pages at once.
        watch(MenuItem, HomeBlock)
