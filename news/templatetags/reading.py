"""Tags for reading and sharing: absolute URLs, canonical links, share links, JSON-LD data."""

import base64
import json
from urllib.parse import quote, urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..structured_data import news_article, site_logo, web_page

register = template.Library()

# As django.utils.html.json_script: "<", ">" and "&" written as \u escapes, so no text in the
# data can close the <script> element or open a comment, whatever the editors typed.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """ "/tin-tuc/x/" -> "https://host/tin-tuc/x/", from the request being answered."""
    request = context.get("request")
    if not path or request is None:
        return path or ""
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking or other query strings; a list keeps its page."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page")
    if page and page.isdigit() and page != "1":
        url += "?" + urlencode({"page": page})
    return url


@register.simple_tag
def json_ld(data):
    """Structured data as a <script type="application/ld+json"> data block (not executed)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    return json_ld(news_article(context["request"], article, context.get("site")))


def page_json_ld(context, kind, name, description=""):
    """JSON-LD of a page that is not an article (home, category, document, static page)."""
    return json_ld(web_page(context["request"], context.get("site"), kind, name, description))


def share_image(context):
    """(URL, width, height) of the image a link preview shows for a page without its own."""
    return site_logo(context["request"], context.get("site"))


@register.filter
def facebook_share_url(url):
    return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})


@register.filter
def zalo_share_url(url):
    """Zalo's share page, as its own button opens it, without loading Zalo's script."""
    payload = base64.b64encode(json.dumps({"url": url}).encode()).decode()
    return "https://button-share.zalo.me/share_external?" + urlencode(
        {"layout": 1, "color": "blue", "customize": "false", "d": payload, "shareType": 0},
        quote_via=quote,
    )
