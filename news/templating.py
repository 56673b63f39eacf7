"""The Jinja2 environment of the public pages (templates in `jinja2/`; the admin keeps Django's
templates in `templates/`).

Measured on a page-cache miss, Django's template engine was half of an article's CPU; Jinja2
compiles templates to Python and renders the same pages several times faster
(docs/benchmarks.md). The functions below are the public pages' whole vocabulary: Django's
filters where Django has one (dates, truncation, sizes), the portal's own (Vietnamese dates
and numbers, pictures, share links, structured data) and a fragment cache per content version.
Values Django marks safe (format_html, the stored bodies) stay safe: they carry `__html__`.
"""

from functools import lru_cache

from django.core.cache import cache
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.timezone import template_localtime
from markupsafe import Markup

from jinja2 import Environment, pass_context
from pagecache.fragments import fragment_key
from photos.markup import photo_url, picture

from .templatetags import reading
from .templatetags.portal import vi_date, vi_number


@lru_cache(maxsize=512)
def _reverse(name, args, prefix):
    return reverse(name, args=args or None)


def url(name, *args):
    """`reverse()`, remembered per name, arguments and script prefix: a page asks for the same
    few (home, library, feeds) every time."""
    return _reverse(name, args, get_script_prefix())


def date(value, format_string):
    """Django's `date` filter, in local time as Django's templates give it."""
    return defaultfilters.date(template_localtime(value), format_string)


def machine_time(value):
    """ "2023-06-15T08:00:00+0700": `datetime` attributes (Django's 'Y-m-d\\TH:i:sO'), without
    the cost of Django's general date formatter (a list prints fifty)."""
    return template_localtime(value).strftime("%Y-%m-%dT%H:%M:%S%z") if value else ""


def iso_time(value):
    """ISO 8601 in local time (Django's 'c')."""
    return template_localtime(value).isoformat() if value else ""


@pass_context
def querystring(context, **changes):
    """`?…` of the current query string with `changes` (None removes a key), as Django's
    `{% querystring %}`."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode()


@pass_context
def absolute_url(context, path):
    return reading.absolute_url(context, path)


@pass_context
def canonical_url(context):
    return reading.canonical_url(context)


@pass_context
def article_json_ld(context, article):
    return reading.article_json_ld(context, article)


@pass_context
def page_json_ld(context, kind, name, description=""):
    return reading.page_json_ld(context, kind, name, description)


@pass_context
def share_image(context):
    return reading.share_image(context)


@pass_context
def cached(context, name, *vary, caller):
    """`{% call cached("menu", content_version, menu_current) %}…{% endcall %}`: the block kept
    for `fragment_seconds` under its name and what it varies on (as Django's `{% cache %}`)."""
    # int(): worked out only now (pagecache.fragments bounds it by the next scheduled change).
    seconds = int(context.get("fragment_seconds") or 0)
    if not seconds:
        return caller()
    key = fragment_key(name, vary)
    html = cache.get(key)
    if html is None:
        html = str(caller())
        cache.set(key, html, seconds)
    return Markup(html)  # noqa: S704 - the block rendered by this template, escaped there


def environment(**options):
    env = Environment(**options)  # noqa: S701 - the backend turns autoescape on
    env.globals.update(
        url=url,
        static=lru_cache(maxsize=256)(static),  # the collected files do not change at runtime
        querystring=querystring,
        absolute_url=absolute_url,
        canonical_url=canonical_url,
        article_json_ld=article_json_ld,
        page_json_ld=page_json_ld,
        share_image=share_image,
        cached=cached,
        picture=picture,
        photo_url=photo_url,
    )
    env.filters.update(
        date=date,
        machine_time=machine_time,
        iso_time=iso_time,
        truncatewords=defaultfilters.truncatewords,
        filesizeformat=defaultfilters.filesizeformat,
        cut=defaultfilters.cut,
        urlencode=defaultfilters.urlencode,
        vi_date=vi_date,
        vi_number=vi_number,
        facebook_share_url=reading.facebook_share_url,
        zalo_share_url=reading.zalo_share_url,
    )
    return env
