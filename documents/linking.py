"""References in an article's body become links: done once, when the body is rendered for
storage (news.services), never on a page view.

Only text outside existing links is touched; tags and attributes are kept as they are. Where
each reference goes is the resolver's answer (documents.citations.ArticleCitations.link_for):
a document, the library filtered by a symbol several documents share, or nowhere (the symbol
then stays text, in a span that keeps it on one line).
"""

import html
import re

from django.utils.html import escape, format_html

from .references import find_references, nfc

_TOKEN = re.compile(r"(<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)")
_OPEN_A = re.compile(r"<a[\s>]", re.IGNORECASE)
_CLOSE_A = re.compile(r"</a\s*>", re.IGNORECASE)


def _pieces(markup):
    """(piece, is_linkable_text): tags as they are, text outside any existing link marked."""
    depth = 0
    for piece in _TOKEN.split(markup or ""):
        if piece.startswith("<"):
            if _OPEN_A.match(piece):
                depth += 1
            elif _CLOSE_A.match(piece):
                depth = max(0, depth - 1)
            yield piece, False
        else:
            yield piece, bool(piece) and not depth


def _link_piece(piece, link_for):
    """A piece of text of the HTML in, HTML out; None when it holds no reference."""
    text = nfc(html.unescape(piece))
    out, last = [], 0
    for ref in find_references(text):
        link = link_for(ref)
        out.append(escape(text[last : ref.start]))
        if link is None:
            # Not in the library: still one symbol, never broken at its hyphen or slash (the
            # text stays as written, so it is found and copied as it is).
            out.append(format_html('<span class="doc-symbol">{}</span>', text[ref.start : ref.end]))
        else:
            out.append(
                format_html(
                    '<a class="doc-ref" href="{}" title="{}">{}</a>',
                    link[0],
                    link[1],
                    text[ref.start : ref.end],
                )
            )
        last = ref.end
    if not out:
        return None
    out.append(escape(text[last:]))
    return "".join(out)


def link_references(markup, link_for):
    """Sanitised HTML with its references linked by `link_for(reference) -> (href, title)`."""
    out = []
    for piece, linkable in _pieces(markup):
        # Every symbol has a "/": most text pieces are skipped without a scan.
        linked = _link_piece(piece, link_for) if linkable and "/" in piece else None
        out.append(piece if linked is None else linked)
    return "".join(out)
