from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# Every model of these apps is public content: saving or deleting one changes some page.
PUBLIC_CONTENT_APPS = ("news", "documents", "pages", "photos")


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Bộ nhớ đệm trang"

    def ready(self):
        from .version import bump_on_change

        for label in PUBLIC_CONTENT_APPS:
            if not apps.is_installed(label):
                continue
            for model in apps.get_app_config(label).get_models():
                uid = f"pagecache:{model._meta.label}"
                post_save.connect(bump_on_change, sender=model, dispatch_uid=uid + ":save")
                post_delete.connect(bump_on_change, sender=model, dispatch_uid=uid + ":delete")
        m2m_changed.connect(bump_on_change, dispatch_uid="pagecache:m2m")
