"""The one-click rating of an article or a page, cookie-free and anonymous.

The widget carries no CSRF token and sets no cookie, so the page keeps its cache; the endpoint
is CSRF-exempt and protects itself instead: the Origin must be this host, the path must be a
public page of this site, the client's network is rate-limited (in the database), and the vote
counts once per visitor key (the counter's daily hash), page and day.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from news.models import Article
from visitors import counter
from visitors.keys import client_ip

from . import ratelimit
from .models import Rating

SCOPE = "rating"
SECTION_OF_URL = {"pages:detail": "Trang", "pages:privacy": "Trang"}
NOT_RATED = ("/admin/", "/y-kien-cua-toi/", "/gui-y-kien/", "/danh-gia/")


def origin_ok(request):
    origin = request.META.get("HTTP_ORIGIN", "")
    return bool(origin) and origin == f"{request.scheme}://{request.get_host()}"


def section_of(site, path):
    """The category an article belongs to, "Trang" for a page; None for what is not rated."""
    if not path.startswith("/") or path.startswith(NOT_RATED) or len(path) > 300:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name == "news:article":
        row = Article.objects.filter(site=site, slug=match.kwargs["slug"])
        return row.published().values_list("category__name", flat=True).first()
    return SECTION_OF_URL.get(match.view_name)


def vote(request, site, path, useful):
    """Store the vote; "ok", "again" (already voted today), "limited" or "invalid"."""
    section = section_of(site, path)
    if section is None:
        return "invalid"
    if ratelimit.hit(SCOPE, request, 3600) > settings.CITIZENS_RATING_LIMIT:
        return "limited"
    now = timezone.now()
    live = counter.current()
    day = live.clock.local_day(now)
    key = live.salts.visitor_key(client_ip(request), request.META.get("HTTP_USER_AGENT", ""), day)
    try:
        with transaction.atomic():
            Rating.objects.create(
                site=site, path=path, section=section, day=day, key=key, useful=useful
            )
    except IntegrityError:
        return "again"
    return "ok"


def forget_keys(before_day):
    """Yesterday's keys are no longer needed (one vote a day): cleared by the retention command."""
    return Rating.objects.filter(day__lt=before_day, key__isnull=False).update(key=None)
