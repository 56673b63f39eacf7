"""The four visitor numbers: placeholders in a cached page, filled in on every response."""

import logging

from django.utils.safestring import mark_safe

logger = logging.getLogger("pagecache")

NAMES = ("online", "today", "week", "total")
# Constant markup of our own (an HTML comment), never user input.
PLACEHOLDERS = {name: mark_safe(f"<!--visitors:{name}-->") for name in NAMES}  # noqa: S308


def fill_visitor_numbers(response):
    """Replace the placeholders with the numbers (fresh within VISITORS_CACHE_SECONDS)."""
    if getattr(response, "streaming", False):
        return
    if b"<!--visitors:" not in response.content:
        response["Content-Length"] = str(len(response.content))
        return
    from news.templatetags.portal import vi_number
    from visitors.counter import read_stats

    try:
        stats = read_stats()
    except Exception:  # a side feature never breaks the page
        logger.exception("pagecache: visitor numbers unavailable")
        stats = {}
    body = response.content
    for name in NAMES:
        value = vi_number(stats[name]) if name in stats else "…"
        body = body.replace(PLACEHOLDERS[name].encode(), str(value).encode())
    response.content = body
    response["Content-Length"] = str(len(body))
