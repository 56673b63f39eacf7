"""When public content changes by time alone: the next scheduled publication or expiry.

An edit bumps the content version, but the moment a scheduled article goes live, or an article
expires, changes nothing in the database: a cached page or fragment made before that moment must
not be served after it. Their lifetime is bounded here (PageCacheMiddleware, fragments).

The moment is looked up once per content version and process (two small queries), and again once
it has passed.
"""

import threading

from django.db.models import Min
from django.utils import timezone


def next_change(now):
    """The earliest moment after `now` at which an article appears or disappears by its own
    dates, or None. Only articles have dates of their own (documents and pages do not)."""
    from news.models import Article

    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    moments = [
        published.filter(published_at__gt=now).aggregate(m=Min("published_at"))["m"],
        published.filter(expires_at__gt=now).aggregate(m=Min("expires_at"))["m"],
    ]
    return min((m for m in moments if m is not None), default=None)


class Schedule:
    """This process's knowledge of the next change, for one content version at a time."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version, self._at = None, None

    def seconds_left(self, version, limit):
        """`limit`, or fewer: the seconds until the next change (0 when it is due now)."""
        now = timezone.now()
        with self._lock:
            known = self._version == version and (self._at is None or self._at > now)
            at = self._at
        if not known:
            at = next_change(now)
            with self._lock:
                self._version, self._at = version, at
        if at is None:
            return limit
        return max(0, min(limit, int((at - now).total_seconds())))

    def forget(self):
        with self._lock:
            self._version, self._at = None, None


schedule = Schedule()
