"""The banner's notices (issue 19), lazy: read only when a page prints the banner, and kept as
a fragment of the site's content version, bounded by the notices' own times
(pagecache.schedule), so a notice appears and disappears on time through the caches."""

import logging

from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from multisite.current import site_of
from pagecache import fragments

from .models import SiteNotice

logger = logging.getLogger(__name__)


def banner(request):
    def read():
        site = site_of(request)
        try:
            return fragments.cached(
                "site-notices",
                lambda: list(SiteNotice.objects.filter(site=site).shown().order_by("shown_from")),
                site,
            )
        except DatabaseError:
            # A side feature: the page is served without its banner.
            logger.exception("the site's notices could not be read")
            return []

    return {"site_notices": SimpleLazyObject(read)}
