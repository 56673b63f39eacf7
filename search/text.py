"""Search's use of the folded words (core.text): index tokens, and highlighting matches in
the original text (spans found in the folded text, mapped back to the original characters).
"""

import re
import unicodedata
from functools import lru_cache
from html import escape

from django.utils.safestring import mark_safe

from core.text import fold_char, tokens

# Longer "words" are noise (URLs, pasted hashes); PostgreSQL also caps a lexeme's size.
MAX_TOKEN_LENGTH = 60


def index_tokens(text):
    return [t for t in tokens(text) if len(t) <= MAX_TOKEN_LENGTH]


def token_string(words):
    """Tokens joined by single spaces and padded, so " word " matches whole words only."""
    return f" {' '.join(words)} " if words else ""


# fold_char() of every character met so far, as a str.translate() table (characters that fold
# to themselves are left out), and the characters whose folding is not one character long.
_FOLDED = {}
_UNEVEN = set()
_SEEN = set()


def _fold_with_map(text):
    """The folded text and, for each of its characters, the index of its original character.

    One str.translate() over the text: folding character by character in Python was most of
    a results page (fifteen snippets of a few thousand characters each).
    """
    chars = set(text)
    for char in chars - _SEEN:
        folded = fold_char(char)
        if folded != char:
            _FOLDED[ord(char)] = folded
        if len(folded) != 1:
            _UNEVEN.add(char)
        _SEEN.add(char)
    if not chars & _UNEVEN:  # the usual case: one for one (NFC Vietnamese)
        return text.translate(_FOLDED), range(len(text))
    folded, origin = [], []
    for i, char in enumerate(text):
        piece = fold_char(char)
        folded.append(piece)
        origin.extend([i] * len(piece))
    return "".join(folded), origin


@lru_cache(maxsize=256)
def _words_pattern(words):
    """Whole-token matches of any of `words` (a results page asks it thirty times)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


def match_spans(text, words):
    """(start, end) spans of `text` that hold one of the folded `words` as a whole token.

    Spans are found in the folded text and mapped back to the original characters, then
    widened over any combining mark that follows, so a highlight never splits a letter from
    its diacritics.
    """
    if not text or not words:
        return []
    folded, origin = _fold_with_map(text)
    spans = []
    pattern = _words_pattern(tuple(words))
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
