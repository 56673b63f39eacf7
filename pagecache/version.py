"""The shared content version: read at most once per PAGE_CACHE_VERSION_SECONDS per process."""

import threading
import time

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .models import ContentVersion

_lock = threading.Lock()
_state = {"number": None, "changed_at": None, "read_at": float("-inf")}


def _read():
    """(number, changed_at) as this process last read them; re-read once older than allowed."""
    ttl = getattr(settings, "PAGE_CACHE_VERSION_SECONDS", 1.0)
    moment = time.monotonic()
    with _lock:
        if _state["number"] is not None and moment - _state["read_at"] < ttl:
            return _state["number"], _state["changed_at"]
    row = ContentVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    number, changed = row or (0, None)
    with _lock:
        _state.update(number=number, changed_at=changed, read_at=moment)
    return number, changed


def current():
    """The version number as this process last read it (at most PAGE_CACHE_VERSION_SECONDS old)."""
    return _read()[0]


def changed_at():
    """When public content last changed by an edit (the version's last bump), or None; as old
    as current(): never later than the truth, so a Last-Modified made from it is never newer
    than the body it goes with."""
    return _read()[1]


def forget():
    """Make the next `current()` read the database (this process just changed content)."""
    from .schedule import schedule

    with _lock:
        _state.update(number=None, changed_at=None, read_at=float("-inf"))
    schedule.forget()


def bump():
    """One UPDATE (an INSERT the first time): every cached page of every process goes stale."""
    updated = ContentVersion.objects.filter(pk=1).update(
        number=F("number") + 1, changed_at=timezone.now()
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})
    forget()


def bump_on_change(sender, raw=False, **kwargs):
    # Always, even with no page cache: the version's time is also the Last-Modified of feeds
    # and sitemaps (conditional.py). A loaddata (raw) still changes what pages show.
    bump()
