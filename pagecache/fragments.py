"""The layout's shared parts (menu, sidebar widgets, footer), cached per site and content version
for FRAGMENT_CACHE_SECONDS.

A page the page cache misses (a new URL, or every URL right after an edit) then renders only
its own content: the layout queries and their markup are made once per site, version and
process (or once per site and version for all, with Redis). Each site's menu, sidebar and
footer are its own: every key starts with the site's id, the sites version it was resolved
under (its identity is in the footer) and its content version, which every edit of what the
site shows bumps (pagecache.sites); FRAGMENT_CACHE_SECONDS bounds what changes by time alone
(a page scheduled in the footer). `cached()` keeps a view's values (the search filters, a
category's newest articles) the same way.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

from . import version
from .schedule import schedule


def seconds(site_id):
    """FRAGMENT_CACHE_SECONDS, or fewer: never past the site's next scheduled publication or
    expiry."""
    limit = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    return schedule.seconds_left(site_id, version.current(site_id), limit) if limit else 0


def cached(name, compute, site):
    """compute(), kept under `site`'s content version; computed each time when off."""
    key = _version_key(site)
    if key == "off":
        return compute()
    key = f"fragment:{name}:{key}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds(site.pk))
    return value


def fragment_key(name, vary_on):
    """The cache key of a template fragment: its name and the values it varies on."""
    digest = hashlib.md5(":".join(map(str, vary_on)).encode(), usedforsecurity=False)
    return f"fragment:{name}:{digest.hexdigest()}"


def _version_key(site):
    """The site, the sites version it was resolved under (its identity) and its content
    version; "off" when fragments are not kept."""
    if not seconds(site.pk):
        return "off"
    return f"{site.pk}-{site.sites_version}-{version.current(site.pk)}"


class _Seconds:
    """seconds(), worked out only when a template's cache tag asks (int() of it): the admin's
    pages, which run this context processor too, cache no fragment."""

    def __init__(self, request):
        self.request = request

    def __int__(self):
        return seconds(site_of(self.request).pk)


def layout(request):
    """For `{% call cached("name", content_version, ...) %}` in the public templates (see
    news.templating.cached), which keep a block for `fragment_seconds`: the content version
    names the request's site."""
    key = SimpleLazyObject(lambda: _version_key(site_of(request)))
    return {"fragment_seconds": _Seconds(request), "content_version": key}
