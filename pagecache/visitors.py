"""The four visitor numbers: placeholders in a cached page, filled in on every response."""

import logging

from django.utils.safestring import mark_safe

logger = logging.getLogger("pagecache")

NAMES = ("online", "today", "week", "total")
# Constant markup of our own (an HTML comment), never user input.
PLACEHOLDERS = {name: mark_safe(f"<!--visitors:{name}-->") for name in NAMES}  # noqa: S308


# The last pages filled: id(page) -> (page, stats, filled page). The numbers change every
# VISITORS_CACHE_SECONDS at most, so a popular cached page is filled once per change, not per
# request. Identity checks (`is`) make a reused id harmless.
_filled = {}
_FILLED_MAX = 256


def fill_visitor_numbers(request, response):
    """Replace the placeholders with the numbers of the request's site (fresh within
    VISITORS_CACHE_SECONDS)."""
    if getattr(response, "streaming", False):
        return
    body = response.content
    if b"<!--visitors:" not in body:
        response["Content-Length"] = str(len(body))
        return
    from multisite.current import site_of
    from visitors.counter import read_stats

    try:
        stats = read_stats(site_of(request).pk)
    except Exception:  # a side feature never breaks the page
        logger.exception("pagecache: visitor numbers unavailable")
        stats = {}
    known = _filled.get(id(body))
    if known is not None and known[0] is body and known[1] is stats:
        filled = known[2]
    else:
        filled = _fill(body, stats)
        if len(_filled) >= _FILLED_MAX:
            _filled.clear()
        _filled[id(body)] = (body, stats, filled)
    response.content = filled
    response["Content-Length"] = str(len(filled))


def _fill(body, stats):
    from news.templatetags.portal import vi_number

    for name in NAMES:
        value = vi_number(stats[name]) if name in stats else "…"
        body = body.replace(PLACEHOLDERS[name].encode(), str(value).encode())
    return body
