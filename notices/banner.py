"""The banner's notices on every public page, at no query per request.

A site resolved by multisite.resolver says whether it has notices not over yet (`has_notices`,
one EXISTS in the resolver's own query, checked against the shared sites version that saving a
notice raises). Without any, the banner costs nothing. With some, this process reads the site's
notices not over yet once per sites version, and each page picks those shown at that moment
(core.publication's rule), so a notice appears and disappears on time without a query; the
page cache is bounded by the same moments (pagecache.schedule).
"""

import threading

from django.utils import timezone

from .models import SHOWN, SiteNotice


class Banner:
    def __init__(self):
        self._lock = threading.Lock()
        self._known = {}  # site id -> (sites version, notices not over)

    def notices(self, site):
        """The notices `site` shows now, oldest first."""
        if not getattr(site, "has_notices", True):
            return []
        stamp = getattr(site, "sites_version", None)
        with self._lock:
            known = self._known.get(site.pk)
        if known is None or known[0] != stamp or stamp is None:
            rows = SiteNotice.objects.filter(site=site).not_over().order_by("shown_from", "pk")
            known = (stamp, list(rows))
            with self._lock:
                self._known[site.pk] = known
        now = timezone.now()
        return [notice for notice in known[1] if SHOWN.is_live(notice, now)]

    def forget(self):
        with self._lock:
            self._known = {}


banner = Banner()
