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
    return {"visitor_stats": SimpleLazyObject(_stats_or_none)}
