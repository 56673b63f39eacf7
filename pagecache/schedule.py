"""When public content changes by time alone: the next scheduled publication or expiry.

An edit bumps the content version, but the moment a scheduled article goes live, or an article
expires, changes nothing in the database: a cached page or fragment made before that moment must
not be served after it. Their lifetime is bounded here (PageCacheMiddleware, fragments).

The moment is looked up once per content version and process (two small queries), and again once
it has passed.
"""

import threading

from django.db.models import Max, Min, Q
from django.utils import timezone


def changes_around(now):
    """(the latest moment up to `now`, the earliest after it) at which an article appeared or
    disappeared by its own dates; None where there is none. One query. Only articles have dates
    of their own (documents and pages do not)."""
    from news.models import Article
    from news.models.article import PUBLICATION

    published = Article.objects.filter(PUBLICATION.approved_q())  # the rule's approval
    found = published.aggregate(
        published_before=Max("published_at", filter=Q(published_at__lte=now)),
        expired_before=Max("expires_at", filter=Q(expires_at__lte=now)),
        published_after=Min("published_at", filter=Q(published_at__gt=now)),
        expires_after=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    before = [found["published_before"], found["expired_before"]]
    after = [found["published_after"], found["expires_after"]]
    return (
        max((m for m in before if m is not None), default=None),
        min((m for m in after if m is not None), default=None),
    )


class Schedule:
    """This process's knowledge of the last and the next change, for one content version at a
    time: looked up once per version, and again once the next change has passed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version, self._last, self._next = None, None, None

    def _around(self, version):
        now = timezone.now()
        with self._lock:
            if self._version == version and (self._next is None or self._next > now):
                return now, self._last, self._next
        last, next_ = changes_around(now)
        with self._lock:
            self._version, self._last, self._next = version, last, next_
        return now, last, next_

    def seconds_left(self, version, limit):
        """`limit`, or fewer: the seconds until the next change (0 when it is due now)."""
        now, _, at = self._around(version)
        if at is None:
            return limit
        return max(0, min(limit, int((at - now).total_seconds())))

    def last_change(self, version):
        """The last scheduled publication or expiry that has passed, or None."""
        return self._around(version)[1]

    def forget(self):
        with self._lock:
            self._version, self._last, self._next = None, None, None


schedule = Schedule()
