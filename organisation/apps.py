from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Giới thiệu, tổ chức bộ máy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pagecache.version import watch

        from .models import Channel, Introduction, Unit

        # Every row is public (the "Giới thiệu", contacts and English pages show it).
        watch(Unit, Channel, Introduction)
