"""The banner's notices (issue 19), lazy: read only when a page prints the banner
(notices.banner: no query unless the site has notices not over yet)."""

import logging

from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

from .banner import banner as notices_banner

logger = logging.getLogger(__name__)


def banner(request):
    def read():
        try:
            return notices_banner.notices(site_of(request))
        except DatabaseError:
            # A side feature: the page is served without its banner.
            logger.exception("the site's notices could not be read")
            return []

    return {"site_notices": SimpleLazyObject(read)}
