"""The shared content version: read at most once per PAGE_CACHE_VERSION_SECONDS per process."""

import threading
import time

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .models import ContentVersion

_lock = threading.Lock()
_state = {"number": None, "read_at": float("-inf")}


def current():
    """The version as this process last read it; re-read once it is older than allowed."""
    ttl = getattr(settings, "PAGE_CACHE_VERSION_SECONDS", 1.0)
    moment = time.monotonic()
    with _lock:
        if _state["number"] is not None and moment - _state["read_at"] < ttl:
            return _state["number"]
    number = ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0
    with _lock:
        _state.update(number=number, read_at=moment)
    return number


def forget():
    """Make the next `current()` read the database (this process just changed content)."""
    from .schedule import schedule

    with _lock:
        _state.update(number=None, read_at=float("-inf"))
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
    # Only while some process caches pages or fragments; a loaddata (raw) still changes what
    # pages show.
    if getattr(settings, "PAGE_CACHE_SECONDS", 0) or getattr(settings, "FRAGMENT_CACHE_SECONDS", 0):
        bump()
