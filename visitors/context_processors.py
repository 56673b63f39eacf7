import logging

from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

from .counter import read_stats

logger = logging.getLogger("visitors")


def _stats_or_none(request):
    try:
        return read_stats(site_of(request).pk)
    except Exception:  # a side feature never breaks the page
        logger.exception("visitors: statistics unavailable")
        return None


def stats(request):
    """The sidebar's "Thống kê truy cập": the request's site's numbers. Lazy: the admin and
    JSON views pay nothing."""
    if getattr(request, "page_cache_placeholders", False):
        # A page the page cache may keep: the numbers are filled in on each response.
        from pagecache.visitors import PLACEHOLDERS

        return {"visitor_stats": PLACEHOLDERS}
    return {"visitor_stats": SimpleLazyObject(lambda: _stats_or_none(request))}
