from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# Every model of these apps (by label) is public content: saving or deleting one changes some
# page (sites, multisite: which host is which site, and each site's identity in every page).
PUBLIC_CONTENT_APPS = (
    "news", "documents", "pages", "photos", "sites", "multisite", "people", "schedules",
    "procedures",
)  # fmt: skip


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Bộ nhớ đệm trang"

    def ready(self):
        from .version import bump_on_change

        for label in PUBLIC_CONTENT_APPS:
            try:
                config = apps.get_app_config(label)
            except LookupError:
                continue
            for model in config.get_models():
                uid = f"pagecache:{model._meta.label}"
                post_save.connect(bump_on_change, sender=model, dispatch_uid=uid + ":save")
                post_delete.connect(bump_on_change, sender=model, dispatch_uid=uid + ":delete")
        m2m_changed.connect(bump_on_change, dispatch_uid="pagecache:m2m")
