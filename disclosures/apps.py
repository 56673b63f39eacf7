from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = "Công khai thông tin"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pagecache.version import watch
        from search.registry import register

        from .defaults import ensure_required_items
        from .models import Disclosure, RequiredItem
        from .search import disclosure_entry

        watch(Disclosure, RequiredItem)  # and the disclosures' choice of documents (m2m)
        register(Disclosure, slug="cong-khai", label="Công khai", entry=disclosure_entry)
        # A new or flushed database, a site added by hand: the list the law requires is there.
        post_migrate.connect(ensure_required_items, sender=self)
