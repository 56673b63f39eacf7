"""Vietnamese text, one definition each: folding, words, plain text of HTML, slugs.

Readers type without diacritics, in either Unicode form, in any case: "NGHỊ QUYẾT", "nghị
quyết" (NFC or NFD) and "nghi quyet" must meet. Everything is folded the same way: lower case,
compatibility decomposition, combining marks dropped, and "đ" mapped to "d" (unicodedata leaves
"đ" alone: it is a letter of its own, not "d" with a mark). A word is a run of [a-z0-9] in the
folded text. Search (its index, queries and highlighting) and the document library's symbol
lookup both use these functions, which is why they never disagree.
"""

import re
import unicodedata
from functools import lru_cache
from html import unescape

from slugify import slugify

WORD = re.compile(r"[a-z0-9]+")
_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


def fold(text):
    """ "Nghị Quyết ĐẢNG" -> "nghi quyet dang"; punctuation is kept (it separates words)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LETTERS).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def fold_char(char):
    """fold() of one character (highlighting maps folded text back to the original)."""
    return fold(char)


def words(text):
    """Every word of a text, in order, repeats kept: "35-NQ/TW" -> ["35", "nq", "tw"]."""
    return WORD.findall(fold(text))


def tokens(text):
    """The distinct words of a text, in order of first appearance."""
    return list(dict.fromkeys(words(text)))


_INLINE_TAGS = "a|b|strong|em|i|u|s|sub|sup|span|mark|small"
_INLINE = re.compile(rf"</?(?:{_INLINE_TAGS})\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")


def plain_text(html):
    """Visible text of sanitised HTML, NFC, whitespace collapsed.

    Inline tags vanish ("Ch<b>âu</b>" stays the one word "Châu"); block tags separate words.
    """
    text = _ANY_TAG.sub(" ", _INLINE.sub("", html or ""))
    return nfc(" ".join(unescape(text).split()))


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
