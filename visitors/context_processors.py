import logging

from django.utils.functional import SimpleLazyObject

from .counter import read_stats

logger = logging.getLogger("visitors")


def _stats_or_none():
    try:
        return read_stats()
    except Exception:  # a side feature never breaks the page
        logger.exception("visitors: statistics unavailable")
        return None


def stats(request):
    """The sidebar's "Thống kê truy cập". Lazy: the admin and JSON views pay nothing."""
    if getattr(request, "page_cache_placeholders", False):
        # A page the page cache may keep: the numbers are filled in on each response.
        from pagecache.visitors import PLACEHOLDERS

        return {"visitor_stats": PLACEHOLDERS}
    return {"visitor_stats": SimpleLazyObject(_stats_or_none)}
