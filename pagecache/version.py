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
    with _lock:
        _state.update(number=None, read_at=float("-inf"))


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
    under it. Once per transaction, however many writes ask; nothing while no process caches
    pages or fragments."""
    if not (
        getattr(settings, "PAGE_CACHE_SECONDS", 0) or getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    ):
        return
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
