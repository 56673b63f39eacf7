"""Conditional GET where DESIGN.md ("Content rules") allows it: feeds, sitemaps, robots.txt and
files send ETag and Last-Modified and answer 304 when the client's copy is current.

Public HTML pages never do (nothing here is applied to them): they carry live visitor numbers
and a page view is counted only when answered 200.

- ETag: the body's MD5 (strong; nginx's gzip makes it weak, and If-None-Match compares weakly).
- Last-Modified: the last moment public content changed, the same for every process and
  server: the content version's time (every edit of public content bumps it) or, if later, the
  last scheduled publication or expiry that has passed (those change what is public by time
  alone). It only moves forward, so a client that sends only If-Modified-Since is never told
  "not modified" about a body it has not seen: not after an unpublished article left a feed, not
  after a revert to an older body. HTTP dates have whole seconds: the moment is rounded up, and
  no date is sent within the second of a change (the ETag still validates), so two changes in
  one second cannot share a date. The time is read with the version (at most
  PAGE_CACHE_VERSION_SECONDS old), so it is never later than the body it goes with.
"""

import hashlib
import logging
import math
import time
from functools import wraps

from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.http import http_date

from . import version

logger = logging.getLogger("pagecache")


def revalidated(view=None, *, query=(), max_age=None):
    """Decorate a view (or a Feed instance) whose GET answer may be revalidated.

    query: the query parameters that select another body (a sitemap's page `p`); the others are
    ignored, so random query strings cannot fill the cache. max_age: how long a client or a proxy
    may reuse the answer without asking (Cache-Control: public).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if request.method not in ("GET", "HEAD") or response.status_code != 200:
                return response
            if getattr(response, "is_rendered", True) is False:
                response.render()  # a TemplateResponse (the sitemaps): its body is needed now
            if response.streaming or not response.content:
                return response
            etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
            response["ETag"] = etag
            stamp = last_change()
            if stamp is None:
                del response["Last-Modified"]  # a Feed sets its newest item's date: not enough
            else:
                response["Last-Modified"] = http_date(stamp)
            if max_age is not None:
                patch_cache_control(response, public=True, max_age=max_age)
            return get_conditional_response(
                request, etag=etag, last_modified=stamp, response=response
            )

        return wrapped

    return decorator if view is None else decorator(view)


def last_change():
    """The last moment public content changed, in whole seconds, or None (unknown)."""
    from .schedule import schedule

    try:
        number = version.current()
        moments = [version.changed_at(), schedule.last_change(number)]
    except Exception:  # a side feature: without a date the ETag alone validates
        logger.exception("pagecache: no Last-Modified")
        return None
    moment = max((m for m in moments if m is not None), default=None)
    if moment is None:
        return None
    # Rounded up to HTTP's whole second, and not sent until that second has come: a body served
    # with a date was served after every change up to it, and any later change gets a later one.
    stamp = math.ceil(moment.timestamp())
    return stamp if stamp <= time.time() else None


def conditional_file(request, field_file, response):
    """`response` (a FileResponse of `field_file`) with the file's validators, or a 304.

    The validators come from the storage (name, size, modification time): the file is not read.
    A file the storage cannot describe is sent without them.
    """
    try:
        storage, name = field_file.storage, field_file.name
        modified = int(storage.get_modified_time(name).timestamp())
        fingerprint = f"{name}\n{storage.size(name)}\n{modified}".encode()
    except (OSError, NotImplementedError, ValueError):
        return response
    etag = quote_etag(hashlib.md5(fingerprint, usedforsecurity=False).hexdigest())
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    answer = get_conditional_response(request, etag=etag, last_modified=modified, response=response)
    if answer is not response:
        # The 304 (or 412) does not send the file: release it now. (Not response.close(): that
        # signals the end of the request, and Django would close its database connection.)
        field_file.close()
    return answer
