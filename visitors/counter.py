"""Counting visits and page views, and reading the four numbers.

Hot path, per counted page view:
- one upsert of the visitor's key (its RETURNING says whether a visit starts here); on
  PostgreSQL the same statement adds a new visit to today's row and the total;
- except when this process itself confirmed the key's visit less than VISITORS_VISIT_GAP minus
  RECENT_MARGIN ago (`recent`): such a page view cannot start a visit, whatever other processes
  did meanwhile, so it costs no statement; its moment waits in the buffer with the rest;
- page-view increments (the day's and the article's "Lượt xem") and those moments wait in a
  small in-process buffer for at most VISITORS_FLUSH_SECONDS and are then written with one
  statement each, by a background thread of each process (VISITORS_FLUSH_THREAD) or, without
  it, by the next page view.
Visits are never buffered: whether a page view starts one is decided by one atomic statement,
so they are exact across processes and servers.
"""

import atexit
import logging
import os
import threading
import time
from collections import Counter, OrderedDict
from contextlib import nullcontext
from datetime import UTC, timedelta

from django.apps import apps
from django.core.cache import cache
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import conf
from .models import ActiveVisitor, DailyStats, VisitorTotals

logger = logging.getLogger("visitors")

STATS_CACHE_KEY = "visitors:stats:v2"
# The numbers as this process last read them: (monotonic deadline, stats). With a shared
# cache in Redis this saves a round trip per page; the deadline is the shared entry's own, so
# the numbers are never older than VISITORS_CACHE_SECONDS.
_local_stats = [None]


def now():
    """The clock; tests replace it to walk through midnight, Mondays and visit gaps."""
    return timezone.now()


def local_day(moment):
    return timezone.localtime(moment).date()


def _dt(value):
    return connection.ops.adapt_datetimefield_value(value)


def _upsert_active(key, moment):
    """Move the key's last_seen to `moment`; True when this page view starts a visit.

    One statement: concurrent page views of one key are serialised on its row, and each
    gets back the last_seen it replaced, so exactly one of them sees "no recent view".
    """
    table = ActiveVisitor._meta.db_table
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    sql = (
        f"INSERT INTO {table} (key, last_seen, previous_seen) VALUES (%s, %s, NULL) "
        f"ON CONFLICT (key) DO UPDATE SET previous_seen = {table}.last_seen, "
        f"last_seen = {greatest}({table}.last_seen, excluded.last_seen) "
        f"RETURNING previous_seen"
    )
    # (The comparison is made here, not in RETURNING: SQLite 3.40 evaluates
    # "previous_seen IS NULL" wrongly there on a freshly inserted row.)
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, _dt(moment)])
        previous = cursor.fetchone()[0]
    if previous is None:
        return True
    if isinstance(previous, str):  # SQLite may hand back its text form
        previous = parse_datetime(previous)
    if timezone.is_naive(previous):  # SQLite stores UTC without an offset
        previous = previous.replace(tzinfo=UTC)
    return previous < moment - timedelta(seconds=conf.get("VISITORS_VISIT_GAP"))


def _add_to_day(day, visits, page_views):
    table = DailyStats._meta.db_table
    sql = (
        f"INSERT INTO {table} (day, visits, page_views) VALUES (%s, %s, %s) "
        f"ON CONFLICT (day) DO UPDATE SET visits = {table}.visits + excluded.visits, "
        f"page_views = {table}.page_views + excluded.page_views"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datefield_value(day), visits, page_views])


def _add_visit_to_totals():
    table = VisitorTotals._meta.db_table
    sql = (
        f"INSERT INTO {table} (code, baseline, visits) VALUES ('main', 0, 1) "
        f"ON CONFLICT (code) DO UPDATE SET visits = {table}.visits + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)


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

    def clear(self):
        with self.lock:
            self.confirmed.clear()


recent = RecentVisits()


class PageViewBuffer:
    """What one process holds for at most VISITORS_FLUSH_SECONDS: page-view increments, and
    the last moment of each key whose page views needed no statement (see RecentVisits)."""

    def __init__(self):
        self.lock = threading.Lock()
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
                self.oldest = time.monotonic()

    def __bool__(self):
        return bool(self.days or self.objects or self.seen)

    def due(self):
        oldest = self.oldest
        return oldest is not None and time.monotonic() - oldest >= conf.get(
            "VISITORS_FLUSH_SECONDS"
        )

    def flush(self):
        with self.lock:
            days, objects, seen = self.days, self.objects, self.seen
            self.days, self.objects, self.seen, self.oldest = Counter(), Counter(), {}, None
        try:
            if seen:
                with transaction.atomic():
                    _move_last_seen(seen)
                seen = {}
            with transaction.atomic():
                for day, n in days.items():
                    _add_to_day(day, 0, n)
                for (label, lookup, field, value), n in objects.items():
                    model = apps.get_model(label)
                    model._default_manager.filter(**{lookup: value}).update(**{field: F(field) + n})
        except Exception:
            # Put everything back: the next flush retries it.
            with self.lock:
                self.days.update(days)
                self.objects.update(objects)
                _keep_latest(self.seen, seen.items())
                self.oldest = self.oldest or time.monotonic()
            raise


def _keep_latest(seen, items):
    for key, moment in items:
        if key not in seen or seen[key] < moment:
            seen[key] = moment


def _move_last_seen(seen, batch=1000):
    """Move each key's last_seen forward (never back), in key order: two processes flushing
    at once lock rows in the same order and cannot deadlock. A key pruned meanwhile returns."""
    table = ActiveVisitor._meta.db_table
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    items = sorted(seen.items())
    for start in range(0, len(items), batch):
        chunk = items[start : start + batch]
        values = ", ".join(["(%s, %s, NULL)"] * len(chunk))
        sql = (
            f"INSERT INTO {table} (key, last_seen, previous_seen) VALUES {values} "
            f"ON CONFLICT (key) DO UPDATE SET "
            f"last_seen = {greatest}({table}.last_seen, excluded.last_seen)"
        )
        params = [p for key, moment in chunk for p in (key, _dt(moment))]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


buffer = PageViewBuffer()


@atexit.register
def _flush_at_exit():
    try:
        flusher.stop()  # lets a flush in progress finish first
        if buffer:
            buffer.flush()
    except Exception:  # the process is ending; nothing else to do but say so
        logger.exception("visitors: page views lost at process exit")


class Flusher:
    """One daemon thread per process writing the buffer every VISITORS_FLUSH_SECONDS, so that
    neither a page view pays for the writes nor an idle process holds them back.

    Started by the first counted page view of each process (after gunicorn's fork), with its
    own database connection, kept as CONN_MAX_AGE says.
    """

    def __init__(self):
        self.pid = None
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = None

    def ensure_running(self):
        if self.pid == os.getpid():
            return
        with self.lock:
            if self.pid == os.getpid():
                return
            self.stopping = threading.Event()
            self.thread = threading.Thread(
                target=self.run, args=(self.stopping,), name="visitors-flusher", daemon=True
            )
            self.thread.start()
            self.pid = os.getpid()

    def stop(self):
        """Stop this process's thread after its current flush (tests; exit flushes anyway)."""
        with self.lock:
            self.stopping.set()
            if self.thread is not None and self.pid == os.getpid():
                self.thread.join(timeout=10)
            self.thread, self.pid = None, None

    def run(self, stopping):
        while not stopping.wait(conf.get("VISITORS_FLUSH_SECONDS")):
            try:
                close_old_connections()
                if buffer:
                    buffer.flush()
                prune_when_due(now())
            except Exception:
                logger.exception("visitors: flush failed; retried in a moment")
        connection.close()


flusher = Flusher()


_last_prune = [0.0]


def _record_visit_postgresql(key, moment, day):
    """PostgreSQL: the key's upsert and, on a new visit, both increments in ONE statement.

    Data-modifying CTEs run atomically in one round trip; rows are locked in the same order
    by every request (key, day, totals), so concurrent requests cannot deadlock.
    """
    active, daily = ActiveVisitor._meta.db_table, DailyStats._meta.db_table
    totals = VisitorTotals._meta.db_table
    sql = f"""
        WITH seen AS (
            INSERT INTO {active} (key, last_seen, previous_seen) VALUES (%(key)s, %(now)s, NULL)
            ON CONFLICT (key) DO UPDATE SET previous_seen = {active}.last_seen,
                last_seen = GREATEST({active}.last_seen, excluded.last_seen)
            RETURNING previous_seen IS NULL OR previous_seen < %(cutoff)s AS new_visit
        ), day AS (
            INSERT INTO {daily} (day, visits, page_views)
            SELECT %(day)s, 1, 0 FROM seen WHERE new_visit
            ON CONFLICT (day) DO UPDATE SET visits = {daily}.visits + 1
        ), total AS (
            INSERT INTO {totals} (code, baseline, visits)
            SELECT 'main', 0, 1 FROM seen WHERE new_visit
            ON CONFLICT (code) DO UPDATE SET visits = {totals}.visits + 1
        )
        SELECT new_visit FROM seen
    """
    cutoff = moment - timedelta(seconds=conf.get("VISITORS_VISIT_GAP"))
    with connection.cursor() as cursor:
        cursor.execute(sql, {"key": key, "now": moment, "cutoff": cutoff, "day": day})
        return cursor.fetchone()[0]


def record_page_view(key, moment, view_of=None, day=None):
    """Count one page view of visitor `key`; returns True when it starts a visit."""
    day = day or local_day(moment)
    threaded = conf.get("VISITORS_FLUSH_THREAD")
    if threaded:
        flusher.ensure_running()
        if recent.covers(key, moment):
            buffer.add(day, view_of, seen=(key, moment))
            return False
    if connection.vendor == "postgresql":
        # Inside a caller's transaction (tests), a savepoint keeps a failure from poisoning it.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            new_visit = _record_visit_postgresql(key, moment, day)
    else:
        with transaction.atomic():
            new_visit = _upsert_active(key, moment)
            if new_visit:
                _add_to_day(day, 1, 0)
                _add_visit_to_totals()
    buffer.add(day, view_of)
    if threaded:
        recent.remember(key, moment)  # the database's last_seen is `moment` or later now
        return new_visit
    if buffer.due():
        buffer.flush()
    prune_when_due(moment)
    return new_visit


def prune_when_due(moment):
    """prune_active() at most once a minute per process (the flusher, or else page views)."""
    if time.monotonic() - _last_prune[0] > 60:
        _last_prune[0] = time.monotonic()
        prune_active(moment)


def prune_active(moment, dry_run=False):
    """Forget keys that can no longer be online nor continue a visit."""
    horizon = max(conf.get("VISITORS_VISIT_GAP"), conf.get("VISITORS_ONLINE_WINDOW"))
    old = ActiveVisitor.objects.filter(last_seen__lt=moment - timedelta(seconds=horizon + 60))
    return old.count() if dry_run else old.delete()[0]


def read_stats(moment=None):
    """The four numbers, from at most one query whatever the history's size."""
    ttl = conf.get("VISITORS_CACHE_SECONDS")
    if ttl:
        local = _local_stats[0]
        if local is not None and time.monotonic() < local[0]:
            return local[1]
        cached = cache.get(STATS_CACHE_KEY)
        if cached is not None:
            read_at, stats = cached
            age = time.time() - read_at
            if 0 <= age < ttl:
                _local_stats[0] = (time.monotonic() + ttl - age, stats)
                return stats
    moment = moment or now()
    today = local_day(moment)
    monday = today - timedelta(days=today.weekday())
    online_since = moment - timedelta(seconds=conf.get("VISITORS_ONLINE_WINDOW"))
    active, daily = ActiveVisitor._meta.db_table, DailyStats._meta.db_table
    totals = VisitorTotals._meta.db_table
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {active} WHERE last_seen >= %s), "
        f"(SELECT COALESCE(SUM(visits), 0) FROM {daily} WHERE day = %s), "
        f"(SELECT COALESCE(SUM(visits), 0) FROM {daily} WHERE day >= %s AND day <= %s), "
        f"(SELECT COALESCE(SUM(baseline + visits), 0) FROM {totals})"
    )
    date = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [_dt(online_since), date(today), date(monday), date(today)])
        online, today_visits, week_visits, total = (int(v) for v in cursor.fetchone())
    stats = {"online": online, "today": today_visits, "week": week_visits, "total": total}
    if ttl:
        cache.set(STATS_CACHE_KEY, (time.time(), stats), ttl)
        _local_stats[0] = (time.monotonic() + ttl, stats)
    return stats


def forget_stats():
    """Make the next read_stats() query the database (tests; the baseline changed)."""
    _local_stats[0] = None
    cache.delete(STATS_CACHE_KEY)
