from django.apps import AppConfig
from django.db.models.signals import post_migrate


def index_existing_content(sender, using, **kwargs):
    """A site that had content before search was installed gets its index on `migrate`."""
    from .index import rebuild
    from .models import SearchEntry

    if not SearchEntry.objects.using(using).exists():
        rebuild()


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from .kinds import register_defaults

        register_defaults()
        post_migrate.connect(index_existing_content, sender=self)
