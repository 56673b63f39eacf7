from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Trang tĩnh và liên kết"

    def ready(self):
        from .defaults import ensure_default_pages

        # post_migrate (not a data migration): a new site gets the pages the law requires, and
        # so does a database flushed between tests; pages that exist are never overwritten.
        post_migrate.connect(ensure_default_pages, sender=self)
