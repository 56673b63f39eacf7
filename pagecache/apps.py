from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The page cache; the content apps say what invalidates it (pagecache.version.watch and
    bump_on_commit), each in its own ready()."""

    name = "pagecache"
    verbose_name = "Bộ nhớ đệm trang"
