from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Trang tĩnh và liên kết"

    def ready(self):
        from pagecache.version import watch

        from .defaults import ensure_default_pages
        from .models import Link, Page

        # A hidden page's edits bump too: pages change rarely, and a page being hidden (or
        # shown) must reach every cached footer at once.
        watch(Page, Link)

        # post_migrate (not a data migration): a new site gets the pages the law requires, and
        # so does a database flushed between tests; pages that exist are never overwritten.
        post_migrate.connect(ensure_default_pages, sender=self)
