"""Conditional GET where DESIGN.md ("Content rules") allows it: feeds, sitemaps, robots.txt and
files send ETag and Last-Modified and answer 304 when the client's copy is current.

Public HTML pages never do (nothing here is applied to them): they carry live visitor numbers
and a page view is counted only when answered 200.

- ETag: the body's MD5 (strong; nginx's gzip makes it weak, and If-None-Match compares weakly).
- Last-Modified: when this body of this URL was first served under the current content version,
  kept in the cache. It only moves forward and never names a time still to come, so a client
  that sends only If-Modified-Since is never told "not modified" about a body it has not seen:
  not after an unpublished article left a feed (its newest date stays), not after a revert to an
  older body. Without the cache (Redis down) every answer is new: a full response, never a
  wrong 304. With a per-process cache (no Redis) each worker keeps its own times; the content
  version in the key covers edits, so only a body that returns by time alone (an article that
  appears on schedule and expires before anything else changes) could look unmodified to such
  a client served by another worker, until the next change. Clients that send If-None-Match
  (browsers, crawlers, feed readers) never meet this: the ETag decides.
"""

import hashlib
import logging
import time
from functools import wraps
from urllib.parse import urlencode

from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.http import http_date

from . import version

logger = logging.getLogger("pagecache")

# How long the first-served time of a body is remembered; forgotten, the next answer is new.
MEMORY_SECONDS = 7 * 24 * 3600


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
            stamp = first_served(request, etag, query)
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


def first_served(request, etag, query=()):
    """The time (whole seconds) the body `etag` of this URL was first served under the current
    content version; None while that is still to come (two bodies within one second)."""
    try:
        params = urlencode([(name, request.GET.get(name)) for name in query if name in request.GET])
        url = f"{request.get_host()}{request.path}?{params}#{version.current()}"
        key = "revalidated:" + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
        now = int(time.time())
        known = cache.get(key)
        if known is not None and known[0] == etag:
            stamp = known[1]
        else:
            # Strictly after the body it replaces: a copy of that one must not pass for this.
            stamp = now if known is None else max(now, known[1] + 1)
            cache.set(key, (etag, stamp), MEMORY_SECONDS)
    except Exception:  # a side feature: without a date the answer is simply always new
        logger.exception("pagecache: no Last-Modified for %s", request.path)
        return None
    return stamp if stamp <= now else None


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
