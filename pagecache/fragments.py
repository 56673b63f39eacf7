"""The layout's shared parts (menu, sidebar widgets, footer), cached per site and content version
for FRAGMENT_CACHE_SECONDS.

A page the page cache misses (a new URL, or every URL right after an edit) then renders only
its own content: the layout queries and their markup are made once per site, version and
process (or once per site and version for all, with Redis). Each site's menu, sidebar and
footer are its own: every key starts with the site's id, the sites version it was resolved
under (its identity is in the footer) and its content version, which every edit of what the
site shows bumps (pagecache.sites); FRAGMENT_CACHE_SECONDS bounds what changes by time alone
(a page scheduled in the footer). Article cards are kept per site too: a parent's home links
its children's articles at their own hosts.
"""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

from . import version
from .schedule import schedule


def seconds(site_id):
    """FRAGMENT_CACHE_SECONDS, or fewer: never past the site's next scheduled publication or
    expiry."""
    limit = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    return schedule.seconds_left(site_id, version.current(site_id), limit) if limit else 0


def _version_key(request):
    site = site_of(request)
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
    """For `{% cache fragment_seconds name content_version ... %}` in the layout templates (the
    cache tag takes the fragment's name as written: no quotes); `fragment_site` keys what
    depends on the site but not on its content version (article cards)."""
    key = SimpleLazyObject(lambda: _version_key(request))
    site = SimpleLazyObject(lambda: str(site_of(request).pk))
    return {"fragment_seconds": _Seconds(request), "content_version": key, "fragment_site": site}
