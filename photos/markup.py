"""Responsive photos: <picture> with WebP and srcset, width/height, lazy loading; for the
templates (photos/templatetags, the public pages' Jinja2 environment) and for the bodies that
news.rendering stores.

Only names are worked out here (pipeline.rendition_name): no query, no file opened.
"""

import functools
import re
from html import escape

from django.conf import settings
from django.utils.safestring import mark_safe

from . import pipeline

DEFAULT_SIZES = "(max-width: 820px) 100vw, 760px"


_URLS = {}  # (storage, name) -> URL, for storages whose URLs are plain (not signed)


def file_url(file):
    """`file.url`, remembered: storage.url() costs ~10 us (quoting, joining) and a list asks it
    for every card. A signed URL (with a query string) expires: it is asked for each time."""
    key = (file.storage, file.name)
    url = _URLS.get(key)
    if url is None:
        url = file.url
        if "?" not in url:
            if len(_URLS) > 10_000:
                _URLS.clear()
            _URLS[key] = url
    return url


def _url_maker(file):
    """A function width, extension -> rendition URL, built from the master's URL once.

    A signed URL (with a query string) cannot be edited: ask the storage for each one.
    """
    master = file_url(file)
    if "?" in master:
        return lambda w, ext=None: file.storage.url(pipeline.rendition_name(file.name, w, ext))
    stem, _, own = master.rpartition(".")
    return lambda w, ext=None: f"{stem}_{w}.{ext or own}"


def _srcset(url, width, extension=None):
    return ", ".join(f"{url(w, extension)} {w}w" for w in pipeline.rendition_widths(width))


def photo_url(file, width, size="large"):
    """The URL of a rendition ("thumbnail", "medium" or "large") of a stored photo."""
    if not file:
        return ""
    if not width:
        return file_url(file)
    target = {"thumbnail": pipeline.THUMBNAIL, "medium": pipeline.MEDIUM}.get(size, pipeline.LARGE)
    return _url_maker(file)(min(target, width))


def picture(file, width, height, alt, sizes=DEFAULT_SIZES, lazy=True, size="medium"):
    """A <picture>: WebP and JPEG/PNG renditions by width, the `size` rendition as src.

    Built with the standard library's escape (what Django's escape() calls), once per value:
    a list prints fifty of these, and format_html's per-argument work was most of a card.
    """
    if not file:
        return ""
    loading = ' loading="lazy"' if lazy else ""
    if not width or not height:  # dimensions unknown: no renditions to offer
        src, alt = escape(file_url(file)), escape(str(alt))
        return mark_safe(f'<img src="{src}" alt="{alt}"{loading} decoding="async">')  # noqa: S308
    url = _url_maker(file)
    target = {"thumbnail": pipeline.THUMBNAIL, "large": pipeline.LARGE}.get(size, pipeline.MEDIUM)
    webp, srcset = escape(_srcset(url, width, "webp")), escape(_srcset(url, width))
    src, sizes, alt = escape(url(min(target, width))), escape(str(sizes)), escape(str(alt))
    # Every value above is escaped; width and height are numbers.
    return mark_safe(  # noqa: S308
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
        f'<img src="{src}" srcset="{srcset}" sizes="{sizes}" width="{int(width)}" '
        f'height="{int(height)}" alt="{alt}"{loading} decoding="async"></picture>'
    )


@functools.cache
def _body_image_pattern(media_url):
    media = re.escape(media_url)
    # Only what our pipeline names: <media>/<dirs>/<uuid hex>_<width>.jpg|png
    return re.compile(
        r'<img(?P<before>[^>]*?) src="'
        rf'(?P<stem>{media}(?:[\w-]+/)*[0-9a-f]{{32}})_(?P<width>\d+)\.(?P<ext>jpg|png)"'
        r"(?P<after>[^>]*)>"
    )


def responsive_images(html):
    """Give the editor's photos in a sanitised body their WebP and srcset, and lazy loading.

    CKEditor inserts the large rendition (see photos.views); its width tells the other widths:
    under 1600 px it is the photo's own width. The input must be sanitised HTML; the added
    attributes are built from the matched name only.
    """
    if "<img" not in html:
        return html

    def rewrite(match):
        stem, large, ext = match["stem"], int(match["width"]), match["ext"]
        widths = pipeline.rendition_widths(large)
        srcset = ", ".join(f"{stem}_{w}.{ext} {w}w" for w in widths)
        webp = ", ".join(f"{stem}_{w}.webp {w}w" for w in widths)
        return (
            f'<picture><source type="image/webp" srcset="{webp}" sizes="{DEFAULT_SIZES}">'
            f'<img{match["before"]} src="{stem}_{large}.{ext}" srcset="{srcset}"'
            f' sizes="{DEFAULT_SIZES}"{match["after"]} loading="lazy" decoding="async"></picture>'
        )

    return mark_safe(_body_image_pattern(settings.MEDIA_URL).sub(rewrite, html))  # noqa: S308
