"""What one process holds between its writes: page-view increments, and the visits it confirmed.

Neither holds a visit: whether a page view starts one is decided by one atomic statement
(sql.record_visit), so visits stay exact across processes. These only save statements.
"""

import threading
from collections import Counter, OrderedDict
from datetime import timedelta

from . import conf

# How long before a visit could end this process stops trusting its own confirmation of it.
# Must exceed the flush interval by far: a moment buffered here reaches the database within
# VISITORS_FLUSH_SECONDS, long before another process could need it to see the visit go on.
RECENT_MARGIN = 60


class RecentVisits:
    """Keys whose visit this process confirmed in the database, with the confirmed moment.

    After the atomic upsert has moved a key's last_seen to T, the database's last_seen for that
    key is T or later whatever any process does (GREATEST). A page view of the key at a moment
    M < T + VISIT_GAP therefore continues the visit: it needs no statement to find that out.
    The margin keeps the buffered moments of such views (written within VISITORS_FLUSH_SECONDS)
    in the database before any process could need them. Bounded: the oldest entries go first.
    """

    def __init__(self, max_entries=50_000):
        self.max_entries = max_entries
        self.lock = threading.Lock()
        self.confirmed = OrderedDict()

    def covers(self, key, moment):
        trusted = conf.get("VISITORS_VISIT_GAP") - RECENT_MARGIN
        if trusted <= 0 or conf.get("VISITORS_FLUSH_SECONDS") * 10 > RECENT_MARGIN:
            return False
        confirmed = self.confirmed.get(key)
        return confirmed is not None and timedelta(0) <= moment - confirmed < timedelta(
            seconds=trusted
        )

    def remember(self, key, moment):
        with self.lock:
            self.confirmed[key] = moment
            self.confirmed.move_to_end(key)
            while len(self.confirmed) > self.max_entries:
                self.confirmed.popitem(last=False)

    def __len__(self):
        return len(self.confirmed)


class PageViewBuffer:
    """Page-view increments per day and per object (an article's "Lượt xem"), and the latest
    moment of each key whose page views needed no statement (see RecentVisits).

    `take()` empties it for a write; `give_back()` returns what a failed write could not store,
    so the next write retries it and nothing is counted twice or lost.
    """

    def __init__(self, monotonic):
        self.monotonic = monotonic
        self.lock = threading.Lock()
        self._reset()

    def _reset(self):
        self.days = Counter()
        self.objects = Counter()  # (model label, lookup field, counter field, value) -> n
        self.seen = {}  # key -> latest moment
        self.oldest = None

    def add(self, day, view_of=None, seen=None):
        with self.lock:
            self.days[day] += 1
            if view_of is not None:
                self.objects[view_of] += 1
            if seen is not None:
                _keep_latest(self.seen, [seen])
            if self.oldest is None:
                self.oldest = self.monotonic()

    def __bool__(self):
        return bool(self.days or self.objects or self.seen)

    def due(self):
        oldest = self.oldest
        return oldest is not None and self.monotonic() - oldest >= conf.get(
            "VISITORS_FLUSH_SECONDS"
        )

    def take(self):
        """(seen, days, objects), leaving the buffer empty."""
        with self.lock:
            taken = self.seen, self.days, self.objects
            self._reset()
        return taken

    def give_back(self, seen, days, objects):
        with self.lock:
            _keep_latest(self.seen, seen.items())
            self.days.update(days)
            self.objects.update(objects)
            self.oldest = self.oldest or self.monotonic()


def _keep_latest(seen, items):
    for key, moment in items:
        if key not in seen or seen[key] < moment:
            seen[key] = moment
