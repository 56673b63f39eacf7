"""Folding Vietnamese text for search, and highlighting matches in the original text.

Readers type without diacritics, in either Unicode form, in any case: "NGHỊ QUYẾT", "nghị
quyết" (NFC or NFD) and "nghi quyet" must meet. Everything is folded the same way: lower case,
compatibility decomposition, combining marks dropped, and "đ" mapped to "d" (unicodedata leaves
"đ" alone: it is a letter of its own, not "d" with a mark). A token is a run of [a-z0-9] in
the folded text; the index, the query and the highlighter all use this one definition, which is
why SQLite and PostgreSQL find the same things.
"""

import re
import unicodedata
from functools import lru_cache
from html import escape, unescape

from django.utils.safestring import mark_safe

TOKEN = re.compile(r"[a-z0-9]+")
# Longer "words" are noise (URLs, pasted hashes); PostgreSQL also caps a lexeme's size.
MAX_TOKEN_LENGTH = 60
_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


@lru_cache(maxsize=4096)
def fold_char(char):
    decomposed = unicodedata.normalize("NFKD", char.translate(_LETTERS).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text):
    """ "Nghị Quyết ĐẢNG" -> "nghi quyet dang"; punctuation is kept (it separates tokens)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LETTERS).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text):
    """The searchable words of a text, in order, each once: "35-NQ/TW" -> ["35", "nq", "tw"]."""
    return list(dict.fromkeys(TOKEN.findall(fold(text))))


def index_tokens(text):
    return [t for t in tokens(text) if len(t) <= MAX_TOKEN_LENGTH]


def token_string(words):
    """Tokens joined by single spaces and padded, so " word " matches whole words only."""
    return f" {' '.join(words)} " if words else ""


def _fold_with_map(text):
    """The folded text and, for each of its characters, the index of its original character."""
    if all(len(fold_char(c)) == 1 for c in set(text)):  # the usual case: one for one
        return "".join(map(fold_char, text)), range(len(text))
    folded, origin = [], []
    for i, char in enumerate(text):
        piece = fold_char(char)
        folded.append(piece)
        origin.extend([i] * len(piece))
    return "".join(folded), origin


def match_spans(text, words):
    """(start, end) spans of `text` that hold one of the folded `words` as a whole token.

    Spans are found in the folded text and mapped back to the original characters, then
    widened over any combining mark that follows, so a highlight never splits a letter from
    its diacritics.
    """
    if not text or not words:
        return []
    folded, origin = _fold_with_map(text)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")
    spans = []
    for match in pattern.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((start, end))
    return spans


def highlight(text, words, spans=None):
    """`text` escaped, with each matched word wrapped in <mark>."""
    spans = match_spans(text, words) if spans is None else spans
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def snippet(text, words, width=240):
    """About `width` characters of `text` around its first match, cut between words."""
    text = text or ""
    spans = match_spans(text, words)
    if len(text) <= width:
        return highlight(text, words, spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    while start and not text[start - 1].isspace():  # never begin inside a word
        start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():  # nor end inside one
        end += 1
    inner = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    body = highlight(text[start:end], words, inner)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - highlight() escaped the text


_INLINE_TAGS = "a|b|strong|em|i|u|s|sub|sup|span|mark|small"
_INLINE = re.compile(rf"</?(?:{_INLINE_TAGS})\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")


def plain_text(html):
    """Visible text of sanitised HTML, NFC, whitespace collapsed.

    Inline tags vanish ("Ch<b>âu</b>" stays one word); block tags separate words.
    """
    text = _ANY_TAG.sub(" ", _INLINE.sub("", html or ""))
    return unicodedata.normalize("NFC", " ".join(unescape(text).split()))
