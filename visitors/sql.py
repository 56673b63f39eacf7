"""Every statement of the visitor counter, each clause written once.

Three upserts carry the counts; they are composed per database:
- a key's upsert moves its last_seen forward, never back (GREATEST), whatever order processes
  write in; when it also keeps the last_seen it replaced (previous_seen) its RETURNING tells,
  atomically, whether this page view starts a visit;
- a day's upsert and the totals' upsert add what their source row says.
PostgreSQL runs the key's upsert and, for a new visit, both increments as ONE statement (data-
modifying CTEs); SQLite runs the same clauses one after another in one IMMEDIATE transaction.
Table names come from the models' _meta; every value is a parameter.
"""

from collections import namedtuple
from contextlib import nullcontext
from datetime import UTC

from django.apps import apps
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import ActiveVisitor, DailyStats, VisitorTotals

ACTIVE = ActiveVisitor._meta.db_table
DAILY = DailyStats._meta.db_table
TOTALS = VisitorTotals._meta.db_table
TOTALS_CODE = "main"

Numbers = namedtuple("Numbers", "online today week total")


def _greatest():
    return "GREATEST" if connection.vendor == "postgresql" else "MAX"


def key_upsert(rows, keep_previous):
    """INSERT ... ON CONFLICT for `rows` keys: last_seen moves forward only.

    keep_previous: the replaced last_seen goes to previous_seen (the one-key upsert that decides
    whether a visit starts); without it (the buffer's batch of moments) previous_seen stays.
    """
    values = ", ".join(["(%s, %s, NULL)"] * rows)
    previous = f"previous_seen = {ACTIVE}.last_seen, " if keep_previous else ""
    return (
        f"INSERT INTO {ACTIVE} (key, last_seen, previous_seen) VALUES {values} "
        f"ON CONFLICT (key) DO UPDATE SET {previous}"
        f"last_seen = {_greatest()}({ACTIVE}.last_seen, excluded.last_seen)"
    )


def day_upsert(source):
    """Adds (visits, page_views) of `source` (a VALUES or a SELECT of day, visits, views)."""
    return (
        f"INSERT INTO {DAILY} (day, visits, page_views) {source} "
        f"ON CONFLICT (day) DO UPDATE SET visits = {DAILY}.visits + excluded.visits, "
        f"page_views = {DAILY}.page_views + excluded.page_views"
    )


def totals_upsert(source):
    """Adds the visits of `source` (a VALUES or a SELECT of code, baseline, visits)."""
    return (
        f"INSERT INTO {TOTALS} (code, baseline, visits) {source} "
        f"ON CONFLICT (code) DO UPDATE SET visits = {TOTALS}.visits + excluded.visits"
    )


def _datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


def _date(value):
    return connection.ops.adapt_datefield_value(value)


def _aware(value):
    """A datetime as the driver returned it: SQLite may hand back text, in UTC, naive."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def record_visit(key, moment, day, cutoff):
    """Moves the key's last_seen to `moment`; True (and one visit added to `day` and to the
    total) when the key had no page view since `cutoff`.

    Concurrent page views of one key are serialised on its row and each gets back the last_seen
    it replaced, so exactly one of them sees "no recent view": visits are exact across processes.
    """
    if connection.vendor == "postgresql":
        # Rows are locked in the same order by every request (key, day, totals): no deadlock.
        # Inside a caller's transaction (tests), a savepoint keeps a failure from poisoning it.
        sql = (
            f"WITH seen AS ({key_upsert(1, keep_previous=True)} "
            f"RETURNING previous_seen IS NULL OR previous_seen < %s AS new_visit), "
            f"day AS ({day_upsert('SELECT %s, 1, 0 FROM seen WHERE new_visit')}), "
            f"total AS ({totals_upsert('SELECT %s, 0, 1 FROM seen WHERE new_visit')}) "
            f"SELECT new_visit FROM seen"
        )
        params = [key, moment, cutoff, day, TOTALS_CODE]
        # One statement is atomic by itself: no transaction (and no COMMIT round trip) of ours.
        savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
        with savepoint, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]
    # (The comparison is made here, not in RETURNING: SQLite 3.40 evaluates
    # "previous_seen IS NULL" wrongly there on a freshly inserted row.)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            key_upsert(1, keep_previous=True) + " RETURNING previous_seen",
            [key, _datetime(moment)],
        )
        previous = _aware(cursor.fetchone()[0])
        new_visit = previous is None or previous < cutoff
        if new_visit:
            cursor.execute(day_upsert("VALUES (%s, 1, 0)"), [_date(day)])
            cursor.execute(totals_upsert("VALUES (%s, 0, 1)"), [TOTALS_CODE])
    return new_visit


def write_buffered(seen, days, objects, batch=1000):
    """What a process buffered: each key's latest moment, page views per day and per object.

    Moments first, in their own transaction: they matter to other processes deciding visits.
    Keys are written in key order, so two processes flushing at once lock rows in the same
    order and cannot deadlock. A key pruned meanwhile comes back.
    """
    if seen:
        items = sorted(seen.items())
        with transaction.atomic(), connection.cursor() as cursor:
            for start in range(0, len(items), batch):
                chunk = items[start : start + batch]
                params = [p for key, moment in chunk for p in (key, _datetime(moment))]
                cursor.execute(key_upsert(len(chunk), keep_previous=False), params)
    if days or objects:
        with transaction.atomic():
            with connection.cursor() as cursor:
                for day, n in sorted(days.items()):
                    cursor.execute(day_upsert("VALUES (%s, 0, %s)"), [_date(day), n])
            for (label, lookup, field, value), n in objects.items():
                model = apps.get_model(label)
                model._default_manager.filter(**{lookup: value}).update(**{field: F(field) + n})


def read_numbers(online_since, today, monday):
    """The four numbers in one query, whatever the history's size: "online" counts only the
    keys seen since `online_since` (an index range); the days are at most seven rows."""
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {ACTIVE} WHERE last_seen >= %s), "
        f"(SELECT COALESCE(SUM(visits), 0) FROM {DAILY} WHERE day = %s), "
        f"(SELECT COALESCE(SUM(visits), 0) FROM {DAILY} WHERE day >= %s AND day <= %s), "
        f"(SELECT COALESCE(SUM(baseline + visits), 0) FROM {TOTALS})"
    )
    params = [_datetime(online_since), _date(today), _date(monday), _date(today)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return Numbers(*(int(v) for v in cursor.fetchone()))


def expired_keys(before):
    """Keys that can no longer be online nor continue a visit."""
    return ActiveVisitor.objects.filter(last_seen__lt=before)
