"""The VISITORS_* settings with their defaults (DESIGN.md, "Visitor counters")."""

from django.conf import settings

DEFAULTS = {
    "VISITORS_VISIT_GAP": 30 * 60,  # seconds without a page view that end a visit
    "VISITORS_ONLINE_WINDOW": 5 * 60,  # "Đang online": keys seen in this many seconds
    "VISITORS_CACHE_SECONDS": 10,  # staleness allowed for the four numbers (0: always fresh)
    "VISITORS_TRUSTED_PROXIES": 0,  # proxies whose X-Forwarded-For entries are believed
    # Where those proxies connect from: their headers are believed from these peers only (and
    # from a Unix socket, which has no peer address).
    "VISITORS_PROXY_NETWORKS": ["127.0.0.0/8", "::1/128"],
    "VISITORS_FLUSH_SECONDS": 1,  # page-view increments buffered in a process at most this long
    # A background thread per process writes the buffer (else the next page view does). With
    # it, a returning visitor's page views cost no statement (buffer.RecentVisits).
    "VISITORS_FLUSH_THREAD": True,
    # Off: the counting middleware is absent (for benchmarks: the same site, uncounted).
    "VISITORS_ENABLED": True,
    "VISITORS_EXCLUDED_PATHS": [
        "/admin/",
        "/static/",
        "/media/",
        "/visitors/",
        "/rss/",
        "/sitemap",
        "/robots.txt",
        "/healthz",
        "/favicon.ico",
    ],  # fmt: skip
    # Article pages whose counted views also add to the article's "Lượt xem":
    # URL name -> (model label, URL kwarg = model field, counter field).
    "VISITORS_VIEW_COUNTERS": {"news:article": ("news.Article", "slug", "view_count")},
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
