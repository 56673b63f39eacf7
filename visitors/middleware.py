import logging
from functools import lru_cache

from django.apps import apps
from django.core.exceptions import MiddlewareNotUsed
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import Resolver404, resolve

from . import conf
from .keys import client_ip, is_bot

logger = logging.getLogger("visitors")


class VisitorCounterMiddleware:
    """Counts page views and visits (DESIGN.md, "Visitor counters").

    Placed before any cache middleware, so that a page served from a cache is still counted.
    Sets no cookie and touches no session. A fault in counting is logged and the page is
    served as if nothing happened. With VISITORS_ENABLED off it is absent (the numbers are
    still shown, from what was counted).
    """

    def __init__(self, get_response):
        if not conf.get("VISITORS_ENABLED"):
            raise MiddlewareNotUsed("VISITORS_ENABLED is off: visits are not counted")
        self.get_response = get_response
        # The app's counter is read per request: a test may replace it with a fresh one.
        self.app = apps.get_app_config("visitors")

    def __call__(self, request):
        response = self.get_response(request)
        try:
            if is_counted(request, response):
                ua = request.META.get("HTTP_USER_AGENT", "")
                self.app.counter.count(client_ip(request), ua, view_of=view_counter(request))
        except Exception:
            logger.exception("visitors: counting failed; the page was served uncounted")
        return response


def is_counted(request, response):
    """A GET answered 200 with HTML, by a person, not staff, not a prefetch or a preview."""
    if request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    path = request.path_info
    if any(path.startswith(prefix) for prefix in conf.get("VISITORS_EXCLUDED_PATHS")):
        return False
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") + request.META.get("HTTP_PURPOSE", "")
    if "prefetch" in purpose.lower() or request.META.get("HTTP_X_MOZ", "") == "prefetch":
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return False
    return not is_bot(request.META.get("HTTP_USER_AGENT", ""))


def view_counter(request):
    """(model, field, counter, value) when the page is one whose views are counted too."""
    return _view_counter_of_path(request.path_info)


@lru_cache(maxsize=4096)
def _view_counter_of_path(path):
    """Resolved once per path and process (a page served from the page cache is not resolved
    otherwise); cleared when the URLconf or VISITORS_VIEW_COUNTERS change (tests)."""
    counters = conf.get("VISITORS_VIEW_COUNTERS")
    if not counters:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    spec = counters.get(match.view_name)
    if spec is None:
        return None
    label, field, counter_field = spec
    value = match.kwargs.get(field)
    return None if value is None else (label, field, counter_field, value)


@receiver(setting_changed)
def _forget_resolved_paths(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "VISITORS_VIEW_COUNTERS"):
        _view_counter_of_path.cache_clear()
