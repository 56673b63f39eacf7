"""The layout's shared parts (menu, sidebar widgets, footer, site identity), cached per content
version for FRAGMENT_CACHE_SECONDS.

A page the page cache misses (a new URL, or every URL right after an edit) then renders only
its own content: the five layout queries and their markup are made once per version and
process (or once per version for all, with Redis). An edit bumps the version, so no fragment
outlives the content it shows; FRAGMENT_CACHE_SECONDS bounds what changes by time alone (a
page scheduled in the footer).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from . import version
from .schedule import schedule


def seconds():
    """FRAGMENT_CACHE_SECONDS, or fewer: never past the next scheduled publication or expiry."""
    limit = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    return schedule.seconds_left(version.current(), limit) if limit else 0


def cached(name, compute):
    """compute(), kept under the current content version; computed each time when off."""
    ttl = seconds()
    if not ttl:
        return compute()
    key = f"fragment:{name}:{version.current()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, ttl)
    return value


def fragment_key(name, vary_on):
    """The cache key of a template fragment: its name and the values it varies on."""
    digest = hashlib.md5(":".join(map(str, vary_on)).encode(), usedforsecurity=False)
    return f"fragment:{name}:{digest.hexdigest()}"


def _version_key():
    return str(version.current()) if seconds() else "off"


class _Seconds:
    """seconds(), worked out only when a template's cache tag asks (int() of it): the admin's
    pages, which run this context processor too, cache no fragment."""

    def __int__(self):
        return seconds()


def layout(request):
    """For `{% call cached("name", content_version, ...) %}` in the public templates (see
    news.templating.cached), which keep a block for `fragment_seconds`."""
    return {"fragment_seconds": _Seconds(), "content_version": SimpleLazyObject(_version_key)}
