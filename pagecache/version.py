"""The shared content version of each site: read at most once per PAGE_CACHE_VERSION_SECONDS per
process (every site's in one query), bumped when something the site's public shows has changed.

A site's pages, fragments and feeds key by its own number (DESIGN.md "Sites"), so an edit on one
commune leaves the other sites' caches warm. A change bumps every site that shows it
(pagecache.sites): its own site; a parent's shared documents, its children too; a child's news,
its parent's home too; a row of no site, every site.

What changes public pages says so: an article's write path when the article is or was public
(news.services), and the models whose every row is public (categories, the site and its
identity, documents, static pages, links: `watch()`, in their apps' ready()). A draft, a pending
article or a photo uploaded to the library changes no public page and bumps nothing.
"""

import threading
import time

from django.apps import apps
from django.conf import settings
from django.contrib.sites.models import Site
from django.db import connection as default_connection
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from multisite.models import SiteProfile

from .models import ContentVersion

_lock = threading.Lock()
_state = {"versions": None, "read_at": float("-inf")}


def _read():
    """{site id: (number, changed_at)} as this process last read them; every site's row in one
    query, again once older than PAGE_CACHE_VERSION_SECONDS."""
    ttl = getattr(settings, "PAGE_CACHE_VERSION_SECONDS", 1.0)
    moment = time.monotonic()
    with _lock:
        if _state["versions"] is not None and moment - _state["read_at"] < ttl:
            return _state["versions"]
    rows = ContentVersion.objects.values_list("site_id", "number", "changed_at")
    versions = {site_id: (number, changed) for site_id, number, changed in rows}
    with _lock:
        _state.update(versions=versions, read_at=moment)
    return versions


def current(site_id):
    """The site's version number as this process last read it (at most
    PAGE_CACHE_VERSION_SECONDS old); 0 for a site whose content never changed."""
    return _read().get(site_id, (0, None))[0]


def changed_at(site_id):
    """When the site's public content last changed by an edit (its version's last bump), or
    None; as old as current(): never later than the truth, so a Last-Modified made from it is
    never newer than the body it goes with."""
    return _read().get(site_id, (0, None))[1]


def forget():
    """Make the next `current()` read the database (this process just changed content)."""
    from .schedule import schedule

    with _lock:
        _state.update(versions=None, read_at=float("-inf"))
    schedule.forget()


def bump(site_ids=None, with_children=False, with_parent=False):
    """Raise the versions of `site_ids` (None: every site), and of their children or their
    parent when those show the change too. One statement (an upsert over the sites it selects):
    every cached page of those sites, in every process, goes stale."""
    version, site, profile = (
        ContentVersion._meta.db_table, Site._meta.db_table, SiteProfile._meta.db_table
    )  # fmt: skip
    params = [_now()]
    if site_ids is None:
        where = "1 = 1"
    else:
        ids = [int(pk) for pk in site_ids] or [0]
        marks = ", ".join(["%s"] * len(ids))
        where = f"id IN ({marks})"
        params += ids
        if with_children:
            where += f" OR id IN (SELECT site_id FROM {profile} WHERE parent_id IN ({marks}))"
            params += ids
        if with_parent:
            where += f" OR id IN (SELECT parent_id FROM {profile} WHERE site_id IN ({marks}))"
            params += ids
    # (SQLite needs the WHERE to read ON CONFLICT after INSERT ... SELECT.)
    sql = (
        f"INSERT INTO {version} (site_id, number, changed_at) "
        f"SELECT id, 1, %s FROM {site} WHERE {where} "
        f"ON CONFLICT (site_id) DO UPDATE SET number = {version}.number + 1, "
        f"changed_at = excluded.changed_at"
    )
    with default_connection.cursor() as cursor:
        cursor.execute(sql, params)
    forget()


def _now():
    return default_connection.ops.adapt_datetimefield_value(timezone.now())


class _Bump:
    """A bump waiting for the transaction's commit; equal to another of the same sites."""

    def __init__(self, site_ids, with_children, with_parent):
        ids = None if site_ids is None else tuple(sorted({int(pk) for pk in site_ids}))
        self.args = (ids, bool(with_children), bool(with_parent))

    def __eq__(self, other):
        return isinstance(other, _Bump) and other.args == self.args

    __hash__ = None

    def __call__(self):
        bump(*self.args)


def bump_on_commit(site_ids=None, with_children=False, with_parent=False, using=None):
    """Bump once the current transaction commits (at once outside one), so that no process
    reads the new version before the change itself is visible, and caches the old content
    under it. Once per transaction for the same sites, however many writes ask. Always, even
    with no page cache: the version's time is also the Last-Modified of feeds and sitemaps
    (conditional.py)."""
    waiting = _Bump(site_ids, with_children, with_parent)
    connection = transaction.get_connection(using)
    # Django keeps the transaction's callbacks (with their savepoints) in run_on_commit: a bump
    # already waiting there will do; one rolled back with its savepoint is gone from it.
    if connection.in_atomic_block and any(
        callback[1] == waiting for callback in connection.run_on_commit
    ):
        return
    transaction.on_commit(waiting, using=using)


def bump_for(instance, using=None):
    """Bump, on commit, every site that shows `instance` (pagecache.sites)."""
    from .sites import reached_by

    site_ids, with_children, with_parent = reached_by(instance)
    bump_on_commit(site_ids, with_children, with_parent, using=using)


def _changed(sender, instance=None, raw=False, using=None, **kwargs):
    # A loaddata (raw) changes what pages show too.
    if instance is None or _historical(instance):
        # A migration's data step, on models of an older schema (the version's own table may
        # not have its site yet): the deploy that runs it starts new processes anyway.
        return
    bump_for(instance, using)


def _historical(instance):
    try:
        return type(instance) is not apps.get_model(instance._meta.label)
    except LookupError:
        return True


def watch(*models):
    """Every save or delete of these models (and every change of their many-to-many fields)
    changes public pages: of the sites that show the row."""
    for model in models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete", weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _changed, sender=field.remote_field.through, dispatch_uid=uid + ":" + field.name
            )
