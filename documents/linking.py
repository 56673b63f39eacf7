"""References in an article's body become links when the page is rendered.

Resolved at render time against the library (one query per article page, however many
references), so a document added today links every older article that cites it at once.
A reference with no document stays plain text; one that several documents share, with no
date to choose, links to the library filtered by that symbol.
"""

import html
import re
from urllib.parse import urlencode

from django.db.models import FilteredRelation, Q
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .citations import Candidate, resolve_on
from .references import find_references, nfc

_TOKEN = re.compile(r"(<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)")
_OPEN_A = re.compile(r"<a[\s>]", re.IGNORECASE)
_CLOSE_A = re.compile(r"</a\s*>", re.IGNORECASE)


class ReferenceLinks:
    """How each reference of one article links: computed once per article and page."""

    def __init__(self, article):
        from .models import CitationChoice, Document, sharing_sites

        # The body is scanned once, piece by piece; the pieces' references are kept for the
        # rewrite, which then does not scan again.
        self.found = {}
        references = find_references(article.title) + find_references(article.lead)
        for piece in _text_pieces(article.body):
            self.found[piece] = _scan(piece)
            references += self.found[piece][1]
        self.dates = {}
        for ref in references:
            if ref.issued_on:
                self.dates.setdefault(ref.key, set()).add(ref.issued_on)
        self.documents, self.by_key, self.cited = {}, {}, set()
        keys = {ref.key for ref in references}
        if not keys:
            return
        # The article's site's library: its own documents, then its parent's.
        self.sites = tuple(sharing_sites(article.site))
        # One query: the documents sharing any cited symbol, each with this article's editor
        # choice about it, if any (a FilteredRelation join; an Exists subquery per document
        # costs the ORM several times more to compile). The documents the article cites are
        # prefetched by the article page: they settle a symbol that several documents share.
        rows = (
            Document.objects.filter(symbol_key__in=keys, site_id__in=self.sites)
            .annotate(
                choice=FilteredRelation(
                    "citation_choices", condition=Q(citation_choices__article_id=article.pk)
                )
            )
            .values_list(
                "id", "symbol", "symbol_key", "doc_type", "issued_on", "slug", "site_id",
                "choice__choice",
            )
            .order_by()
        )  # fmt: skip
        removed = CitationChoice.Choice.REMOVED
        for pk, symbol, key, doc_type, issued_on, slug, site_id, choice in rows:
            if choice == removed:
                continue  # the editor said this article does not cite it
            document = Document(
                pk=pk, symbol=symbol, doc_type=doc_type, issued_on=issued_on, slug=slug
            )
            self.documents[pk] = (document.get_absolute_url(), document.full_name)
            self.by_key.setdefault(key, []).append(Candidate(pk, issued_on, site_id))
        self.cited = {document.pk for document in article.documents.all()}

    def link_for(self, ref):
        """(href, title) for a reference, or None when it stays plain text."""
        issued_on = ref.issued_on
        if issued_on is None and len(self.dates.get(ref.key, ())) == 1:
            issued_on = next(iter(self.dates[ref.key]))
        candidates = self.by_key.get(ref.key, [])
        status, candidate = resolve_on(self.sites, issued_on, candidates, self.cited)
        if status == "found":
            return self.documents[candidate.id]
        if status == "ambiguous":
            url = reverse("documents:list") + "?" + urlencode({"so": ref.symbol})
            return url, f"Các văn bản có số ký hiệu {ref.symbol}"
        return None

    def link_piece(self, piece):
        """A piece of text of the body's HTML in, HTML out: the references that resolve linked.

        None when nothing is linked (the piece is then kept exactly as it was).
        """
        text, references = self.found.get(piece) or _scan(piece)
        out, last = [], 0
        for ref in references:
            link = self.link_for(ref)
            if link is None:
                continue
            out.append(escape(text[last : ref.start]))
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


def _scan(piece):
    text = nfc(html.unescape(piece))
    return text, find_references(text)


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


def _text_pieces(markup):
    return [piece for piece, linkable in _pieces(markup) if linkable and "/" in piece]


def reference_links(article):
    links = getattr(article, "_reference_links", None)
    if links is None:
        links = article._reference_links = ReferenceLinks(article)
    return links


def link_references(markup, article):
    """Sanitised body HTML with its references linked; text inside existing links untouched.

    Only HTML read from the database (a SafeString, sanitised by the field) is rewritten;
    anything else is returned as it came, for the template to escape.
    """
    if not isinstance(markup, SafeString) or not markup:
        return markup
    links = reference_links(article)
    if not links.by_key:
        return markup
    out = []
    for piece, linkable in _pieces(markup):
        linked = links.link_piece(piece) if linkable and "/" in piece else None
        out.append(piece if linked is None else linked)
    return mark_safe("".join(out))  # noqa: S308 - sanitised input, escaped text, format_html links
