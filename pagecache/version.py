"""The shared content version: read at most once per PAGE_CACHE_VERSION_SECONDS per process,
bumped when something the public can see has changed.

What changes public pages says so: an article's write path when the article is or was public
(news.services), and the models whose every row is public (categories, the site identity,
documents, static pages, links: `watch()`, in their apps' ready()). A draft, a pending article
or a photo uploaded to the library changes no public page and bumps nothing.
"""

import threading
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
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


def bump_on_commit(using=None):
    """Bump once the current transaction commits (at once outside one), so that no process
    reads the new version before the change itself is visible, and caches the old content
    under it. Once per transaction, however many writes ask. Always, even with no page cache:
    the version's time is also the Last-Modified of feeds and sitemaps (conditional.py)."""
    connection = transaction.get_connection(using)
    # Django keeps the transaction's callbacks (with their savepoints) in run_on_commit: a bump
    # already waiting there will do; one rolled back with its savepoint is gone from it.
    if connection.in_atomic_block and any(
        callback[1] is bump for callback in connection.run_on_commit
    ):
        return
    transaction.on_commit(bump, using=using)


def _changed(sender, raw=False, using=None, **kwargs):
    # A loaddata (raw) changes what pages show too.
    bump_on_commit(using)


def watch(*models):
    """Every save or delete of these models (and every change of their many-to-many fields)
    changes public pages."""
    for model in models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete", weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _changed, sender=field.remote_field.through, dispatch_uid=uid + ":" + field.name
            )
