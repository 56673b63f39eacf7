"""Vietnamese text helpers: slugs and document symbols."""

import re
import unicodedata

from slugify import slugify

SLUG_MAX_LENGTH = 120


def vietnamese_slug(text, max_length=SLUG_MAX_LENGTH):
    """Unaccented slug that keeps "Đ" as "d": "của Đảng, đấu tranh" -> "cua-dang-dau-tranh".

    Django's slugify drops "Đ" ("cua-ang"); python-slugify transliterates it. The slug is cut
    at a word boundary so that it never ends in half a word.
    """
    return slugify(text or "", max_length=max_length, word_boundary=True, save_order=True)


def unique_slug(text, exists, max_length=SLUG_MAX_LENGTH, fallback="bai-viet"):
    """The first of "base", "base-2", "base-3", ... for which `exists(slug)` is false."""
    base = vietnamese_slug(text, max_length) or fallback
    slug, n = base, 1
    while exists(slug):
        n += 1
        suffix = f"-{n}"
        slug = vietnamese_slug(base, max_length - len(suffix)) + suffix
    return slug


_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_SLASH = re.compile(r"\s*/\s*")
_SPACES = re.compile(r"\s+")


def normalize_symbol(symbol):
    """Matching key of a document symbol: NFC, one kind of dash, no spaces, upper case.

    "35 – NQ / tw" -> "35-NQ/TW". Used to compare symbols however they were typed.
    """
    text = unicodedata.normalize("NFC", symbol or "").strip()
    text = _DASHES.sub("-", text)
    text = _SLASH.sub("/", text)
    text = _SPACES.sub("-", text)
    return text.upper()
