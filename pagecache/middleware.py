import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost

from multisite.current import site_of

from . import version
from .schedule import schedule
from .store import PageStore
from .visitors import fill_visitor_numbers

logger = logging.getLogger("pagecache")

# Headers a cached page carries; the rest (request id, security headers) are added per request
# by the middleware outside this one.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options")


class PageCacheMiddleware:
    """Serves anonymous public GETs from a per-process cache keyed by the site, its content
    version and the URL.

    Sits inside the visitor counter (which still counts a cached page) and outside sessions,
    authentication and CSRF, so a hit skips them all. Staff (who have a session), previews,
    the admin and any response that sets a cookie or says private/no-store bypass it. The four
    visitor numbers are left as placeholders in the stored page and filled in on every response.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        self.store = PageStore(
            getattr(settings, "PAGE_CACHE_MAX_ENTRIES", 1000),
            getattr(settings, "PAGE_CACHE_MAX_BYTES", 64 * 1024 * 1024),
        )

    def __call__(self, request):
        if not self.seconds or not self.is_cacheable_request(request):
            return self.get_response(request)
        request.page_cache_placeholders = True  # see visitors' context processor
        key = self.key(request)
        cached = self.store.get(key) if key else None
        if cached is not None:
            body, headers = cached
            response = _response(body, headers)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            # Never past the site's next scheduled publication or expiry (schedule.py).
            seconds = schedule.seconds_left(key[1], key[0], self.seconds) if key else 0
            if seconds and self.is_cacheable_response(request, response):
                headers = {h: response[h] for h in KEPT_HEADERS if h in response}
                self.store.set(key, (response.content, headers), seconds)
                response["X-Page-Cache"] = "miss"
        fill_visitor_numbers(request, response)
        return response

    def key(self, request):
        try:
            host = request.get_host().lower()
        except DisallowedHost:
            return None  # Django answers 400 and logs it (once, django.security.DisallowedHost)
        try:
            # The site, its own content version (an edit elsewhere leaves its pages warm) and
            # the sites version it was resolved under (checked on every request): a site
            # created, renamed or edited on any server misses at once. And the address asked:
            # pages hold links made from it (canonical, structured data, the links to other
            # sites), so a page made for one host is never served to another (a host no site
            # claims is answered by the default site; the store's size bounds what they cost).
            site = site_of(request)
            number = version.current(site.pk)
            address = (request.scheme, host, request.get_full_path())
            return (number, site.pk, site.sites_version, address)
        except Exception:  # the version unreadable (database down): serve uncached
            logger.exception("pagecache: content version unavailable")
            return None

    @staticmethod
    def is_cacheable_request(request):
        if request.method != "GET":
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return False  # staff (only they have sessions here), or a message to show
        excluded = getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ("/admin/",))
        return not request.path_info.startswith(tuple(excluded))

    @staticmethod
    def is_cacheable_response(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "is_preview", False):
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        control = response.get("Cache-Control", "")
        return "private" not in control and "no-store" not in control


def _response(body, headers):
    from django.http import HttpResponse

    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return response
