"""Counting visits and page views, and reading the four numbers.

Hot path, per counted page view:
- one upsert of the visitor's key (its RETURNING says whether a visit starts here);
- on a new visit only: one upsert of today's row and one F() update of the totals row;
- page-view increments (the day's and the article's "Lượt xem") wait in a small in-process
  buffer for at most VISITORS_FLUSH_SECONDS and are then written with one statement each.
Visits are never buffered: they are exact across processes and servers.
"""

import atexit
import logging
import threading
import time
from collections import Counter
from contextlib import nullcontext
from datetime import UTC, timedelta

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import conf
from .models import ActiveVisitor, DailyStats, VisitorTotals

logger = logging.getLogger("visitors")

STATS_CACHE_KEY = "visitors:stats:v1"


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


class PageViewBuffer:
    """Page-view increments held by one process for at most VISITORS_FLUSH_SECONDS."""

    def __init__(self):
        self.lock = threading.Lock()
        self.days = Counter()
        self.objects = Counter()  # (model label, lookup field, counter field, value) -> n
        self.oldest = None

    def add(self, day, view_of=None):
        with self.lock:
            self.days[day] += 1
            if view_of is not None:
                self.objects[view_of] += 1
            if self.oldest is None:
                self.oldest = time.monotonic()

    def due(self):
        oldest = self.oldest
        return oldest is not None and time.monotonic() - oldest >= conf.get(
            "VISITORS_FLUSH_SECONDS"
        )

    def flush(self):
        with self.lock:
            days, objects = self.days, self.objects
            self.days, self.objects, self.oldest = Counter(), Counter(), None
        try:
            with transaction.atomic():
                for day, n in days.items():
                    _add_to_day(day, 0, n)
                for (label, lookup, field, value), n in objects.items():
                    model = apps.get_model(label)
                    model._default_manager.filter(**{lookup: value}).update(**{field: F(field) + n})
        except Exception:
            # Put the counts back: the next flush retries them.
            with self.lock:
                self.days.update(days)
                self.objects.update(objects)
                self.oldest = self.oldest or time.monotonic()
            raise


buffer = PageViewBuffer()


@atexit.register
def _flush_at_exit():
    try:
        if buffer.days or buffer.objects:
            buffer.flush()
    except Exception:  # the process is ending; nothing else to do but say so
        logger.exception("visitors: page views lost at process exit")


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


def record_page_view(key, moment, view_of=None):
    """Count one page view of visitor `key`; returns True when it starts a visit."""
    day = local_day(moment)
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
    if buffer.due():
        buffer.flush()
    if time.monotonic() - _last_prune[0] > 60:
        _last_prune[0] = time.monotonic()
        prune_active(moment)
    return new_visit


def prune_active(moment, dry_run=False):
    """Forget keys that can no longer be online nor continue a visit."""
    horizon = max(conf.get("VISITORS_VISIT_GAP"), conf.get("VISITORS_ONLINE_WINDOW"))
    old = ActiveVisitor.objects.filter(last_seen__lt=moment - timedelta(seconds=horizon + 60))
    return old.count() if dry_run else old.delete()[0]


def read_stats(moment=None):
    """The four numbers, from at most one query whatever the history's size."""
    ttl = conf.get("VISITORS_CACHE_SECONDS")
    if ttl:
        cached = cache.get(STATS_CACHE_KEY)
        if cached is not None:
            return cached
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
        cache.set(STATS_CACHE_KEY, stats, ttl)
    return stats
