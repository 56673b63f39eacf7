"""Counting visits and page views, and reading the four numbers.

A `VisitorCounter` holds everything one process keeps: its clock, the day's salt, the visits
it confirmed, the page-view buffer, the thread that writes it and the numbers it last read.
The visitors app builds one per process (`apps.get_app_config("visitors").counter`); a test
builds its own, with a clock it moves. The statements are in `sql.py`.

Hot path, per counted page view:
- one statement deciding whether a visit starts (sql.record_visit), which on PostgreSQL also
  adds a new visit to today's row and the total;
- except when this process itself confirmed the key's visit less than VISITORS_VISIT_GAP minus
  RECENT_MARGIN ago: such a page view cannot start a visit, whatever other processes did
  meanwhile, so it costs no statement; its moment waits in the buffer with the rest;
- page-view increments (the day's and the article's "Lượt xem") and those moments wait in the
  buffer for at most VISITORS_FLUSH_SECONDS and are then written with one statement each, by
  the process's background thread (VISITORS_FLUSH_THREAD) or, without it, by the next page view.
"""

import logging
import os
import threading
import time
from datetime import timedelta

from django.apps import apps
from django.core.cache import cache
from django.db import close_old_connections, connection
from django.utils import timezone

from . import conf, sql
from .buffer import PageViewBuffer, RecentVisits
from .salts import DailySalts

logger = logging.getLogger("visitors")

STATS_CACHE_KEY = "visitors:stats:v2"
PRUNE_EVERY_SECONDS = 60
# How often the flusher looks whether its process is ending.
TICK = 0.25


class Clock:
    """The counter's time: the moment of a page view, the local day it belongs to, and the
    monotonic time that paces the buffer. Tests substitute `now` to cross midnights and gaps."""

    def now(self):
        return timezone.now()

    @staticmethod
    def local_day(moment):
        return timezone.localtime(moment).date()

    @staticmethod
    def monotonic():
        return time.monotonic()


class Flusher:
    """One thread per process calling `work` every VISITORS_FLUSH_SECONDS, so that neither a page
    view pays for the writes nor an idle process holds them back.

    Started by the first counted page view of each process (after gunicorn's fork), with its own
    database connection, kept as CONN_MAX_AGE says. Not a daemon: when the process's main thread
    ends (exit, a recycled gunicorn worker), it runs `work` a last time and ends, so the buffer
    reaches the database without an atexit hook.
    """

    def __init__(self, work):
        self.work = work
        self.lock = threading.Lock()
        self.pid = None
        self.thread = None
        self.stopping = threading.Event()

    def ensure_running(self):
        if self.pid == os.getpid():
            return
        with self.lock:
            if self.pid == os.getpid():
                return
            self.stopping = threading.Event()
            self.thread = threading.Thread(
                target=self.run, args=(self.stopping,), name="visitors-flusher"
            )
            self.thread.start()
            self.pid = os.getpid()

    def stop(self):
        """End this process's thread after a last `work`."""
        with self.lock:
            self.stopping.set()
            if self.thread is not None and self.pid == os.getpid():
                self.thread.join(timeout=10)
            self.thread, self.pid = None, None

    def run(self, stopping):
        main = threading.main_thread()
        next_work = time.monotonic()
        while True:
            # Awake at least every TICK to see the main thread end (a process exits in a blink).
            stopped = stopping.wait(min(TICK, max(0.0, next_work - time.monotonic())))
            last = stopped or not main.is_alive()
            if not last and time.monotonic() < next_work:
                continue
            next_work = time.monotonic() + max(0.05, conf.get("VISITORS_FLUSH_SECONDS"))
            try:
                close_old_connections()
                self.work()
            except Exception:
                logger.exception("visitors: flush failed; retried in a moment")
            if last:
                break
        connection.close()


class VisitorCounter:
    def __init__(self, clock=None):
        self.clock = clock or Clock()
        self.salts = DailySalts()
        self.recent = RecentVisits()
        self.buffer = PageViewBuffer(self.clock.monotonic)
        self.flusher = Flusher(self._background_work)
        self.next_prune = 0.0
        # The numbers as this process last read them: (monotonic deadline, stats). With a
        # shared cache in Redis this saves a round trip per page; the deadline is the shared
        # entry's own, so the numbers are never older than VISITORS_CACHE_SECONDS.
        self.local_stats = None

    # --- counting -----------------------------------------------------------------------------

    def count(self, ip, user_agent, view_of=None):
        """Count one page view of the visitor (ip, user_agent) now; True when a visit starts."""
        moment = self.clock.now()
        day = self.clock.local_day(moment)
        key = self.salts.visitor_key(ip, user_agent, day)
        return self.record_page_view(key, moment, view_of=view_of, day=day)

    def record_page_view(self, key, moment, view_of=None, day=None):
        """Count one page view of visitor `key`; True when it starts a visit."""
        day = day or self.clock.local_day(moment)
        threaded = conf.get("VISITORS_FLUSH_THREAD")
        if threaded:
            self.flusher.ensure_running()
            if self.recent.covers(key, moment):
                self.buffer.add(day, view_of, seen=(key, moment))
                return False
        cutoff = moment - timedelta(seconds=conf.get("VISITORS_VISIT_GAP"))
        new_visit = sql.record_visit(key, moment, day, cutoff)
        self.buffer.add(day, view_of)
        if threaded:
            self.recent.remember(key, moment)  # the database's last_seen is `moment` or later
            return new_visit
        if self.buffer.due():
            self.flush()
        self.prune_when_due(moment)
        return new_visit

    def flush(self):
        """Write what the buffer holds; on failure it is kept for the next write."""
        taken = self.buffer.take()
        try:
            sql.write_buffered(*taken)
        except Exception:
            self.buffer.give_back(*taken)
            raise

    def _background_work(self):
        if self.buffer:
            self.flush()
        self.prune_when_due(self.clock.now())

    def close(self):
        """Stop the background thread after a last write (a process ending; tests)."""
        self.flusher.stop()

    # --- forgetting ---------------------------------------------------------------------------

    def prune_when_due(self, moment):
        """prune_active() at most once a minute per process (the flusher, or else page views)."""
        if self.clock.monotonic() >= self.next_prune:
            self.next_prune = self.clock.monotonic() + PRUNE_EVERY_SECONDS
            self.prune_active(moment)

    def prune_active(self, moment, dry_run=False):
        """Forget keys that can no longer be online nor continue a visit."""
        horizon = max(conf.get("VISITORS_VISIT_GAP"), conf.get("VISITORS_ONLINE_WINDOW"))
        old = sql.expired_keys(moment - timedelta(seconds=horizon + 60))
        return old.count() if dry_run else old.delete()[0]

    # --- reading ------------------------------------------------------------------------------

    def read_stats(self, moment=None):
        """The four numbers, from at most one query whatever the history's size."""
        ttl = conf.get("VISITORS_CACHE_SECONDS")
        if ttl:
            local = self.local_stats
            if local is not None and self.clock.monotonic() < local[0]:
                return local[1]
            cached = cache.get(STATS_CACHE_KEY)
            if cached is not None:
                read_at, stats = cached
                age = time.time() - read_at
                if 0 <= age < ttl:
                    self.local_stats = (self.clock.monotonic() + ttl - age, stats)
                    return stats
        moment = moment or self.clock.now()
        today = self.clock.local_day(moment)
        monday = today - timedelta(days=today.weekday())
        online_since = moment - timedelta(seconds=conf.get("VISITORS_ONLINE_WINDOW"))
        stats = sql.read_numbers(online_since, today, monday)._asdict()
        if ttl:
            cache.set(STATS_CACHE_KEY, (time.time(), stats), ttl)
            self.local_stats = (self.clock.monotonic() + ttl, stats)
        return stats

    def forget_stats(self):
        """Make the next read_stats() query the database (the baseline changed)."""
        self.local_stats = None
        cache.delete(STATS_CACHE_KEY)


def current():
    """This process's counter, built by the visitors app when Django starts."""
    return apps.get_app_config("visitors").counter


def read_stats():
    """The four numbers (the sidebar, stats.json, the page cache's fill)."""
    return current().read_stats()
