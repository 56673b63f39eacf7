import re
import uuid
from functools import lru_cache

from django.core.exceptions import BadRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse

from visitors.keys import from_proxy

from .logging import current_request_id

# nginx passes its own $request_id; anything else from outside is replaced (a client choosing
# the id could make its requests' log lines pass for another's).
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")

# Public pages carry no inline script or style: every script and stylesheet is a file of ours.
# Images too are ours only (the sanitiser keeps no outside image in a body: news/richtext.py).
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# The admin (and CKEditor inside it) relies on inline scripts and styles; it still may not be
# framed nor load plugins, and is reachable by staff only.
ADMIN_CSP = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


@lru_cache(maxsize=1)
def admin_prefix():
    try:
        return reverse("admin:index")
    except NoReverseMatch:  # a URLconf without the admin
        return "\0"  # no path starts with it


@receiver(setting_changed)
def _forget_admin_prefix(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        admin_prefix.cache_clear()


class RequestIdMiddleware:
    """Gives each request an id: in the logs, on the error pages, in the X-Request-ID header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "") if from_proxy(request) else ""
        request.request_id = incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


# The admin's date drill-down (?<field>__year=...&__month=&__day=) builds a datetime from them
# and a year after it; Django catches ValueError there but not OverflowError (a year of
# 2147483648), and the year after 9999 fails outside its check.
DATE_PART = re.compile(r"__(year|month|day)$")
DATE_PART_LIMIT = {"year": 9998, "month": 12, "day": 31}


class BadParametersMiddleware:
    """Answers 400 (the Vietnamese page) to query parameters no page can take, before they
    reach code that would fail on them with a 500:

    - in the admin, a NUL character: PostgreSQL refuses it in text, and the admin's list
      filters pass parameters to the database as they come (public views clean their input);
    - in the admin, a date drill-down number out of the calendar (see DATE_PART above).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if query:
            self.check(request, query)
        return self.get_response(request)

    @staticmethod
    def check(request, query):
        if not request.path.startswith(admin_prefix()):
            return
        if "%00" in query or "\x00" in query:
            raise BadRequest("NUL in the query string")
        for name, values in request.GET.lists():
            part = DATE_PART.search(name)
            for value in values if part else ():
                number = value.strip()
                if number.isdigit() and int(number) > DATE_PART_LIMIT[part.group(1)]:
                    raise BadRequest(f"{name}={number[:20]} is out of the calendar")


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy (Django's SecurityMiddleware does the rest:
    nosniff, Referrer-Policy, HSTS; XFrameOptionsMiddleware the frame denial).

    A view that needs another policy (say, a PDF shown in a frame of our own) sets its own
    header, which is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith(admin_prefix())
        response.headers.setdefault(
            "Content-Security-Policy", ADMIN_CSP if is_admin else PUBLIC_CSP
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
