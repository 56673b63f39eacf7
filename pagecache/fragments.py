"""The layout's shared parts (menu, sidebar widgets, footer, site identity), cached per content
version for FRAGMENT_CACHE_SECONDS.

A page the page cache misses (a new URL, or every URL right after an edit) then renders only
its own content: the five layout queries and their markup are made once per version and
process (or once per version for all, with Redis). An edit bumps the version, so no fragment
outlives the content it shows; FRAGMENT_CACHE_SECONDS bounds what changes by time alone (a
page scheduled in the footer).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

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


def _version_key(request):
    # Each site's menu, sidebar and footer are its own (issue 16); its identity is in the
    # footer, so the sites version it was resolved under is in the key too.
    if not seconds():
        return "off"
    site = site_of(request)
    return f"{site.pk}-{site.sites_version}-{version.current()}"


class _Seconds:
    """seconds(), worked out only when a template's cache tag asks (int() of it): the admin's
    pages, which run this context processor too, cache no fragment."""

    def __int__(self):
        return seconds()


def layout(request):
    """For `{% cache fragment_seconds name content_version ... %}` in the layout templates (the
    cache tag takes the fragment's name as written: no quotes)."""
    key = SimpleLazyObject(lambda: _version_key(request))
    return {"fragment_seconds": _Seconds(), "content_version": key}
