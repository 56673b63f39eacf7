"""References in an article's body become links when the page is rendered.

Resolved at render time against the library (one query per article page, however many
references), so a document added today links every older article that cites it at once.
A reference with no document stays plain text; one that several documents share, with no
date to choose, links to the library filtered by that symbol.
"""

import html
import re
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .citations import Candidate, article_references, resolve
from .references import find_references, nfc

_TOKEN = re.compile(r"(<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)")
_OPEN_A = re.compile(r"<a[\s>]", re.IGNORECASE)
_CLOSE_A = re.compile(r"</a\s*>", re.IGNORECASE)


class ReferenceLinks:
    """How each reference of one article links: computed once per article and page."""

    def __init__(self, article):
        from news.models import Article

        from .models import CitationChoice, Document

        references = article_references(article)
        self.dates = {}
        for ref in references:
            if ref.issued_on:
                self.dates.setdefault(ref.key, set()).add(ref.issued_on)
        self.documents = {}
        self.by_key = {}
        keys = {ref.key for ref in references}
        if not keys:
            return
        cited = Article.documents.through.objects.filter(
            article_id=article.pk, document_id=OuterRef("pk")
        )
        removed = CitationChoice.objects.filter(
            article_id=article.pk,
            document_id=OuterRef("pk"),
            choice=CitationChoice.Choice.REMOVED,
        )
        # One query: the documents sharing any cited symbol, less those the editor removed,
        # each marked if this article cites it (that settles a symbol shared by several).
        rows = (
            Document.objects.filter(symbol_key__in=keys)
            .exclude(Exists(removed))
            .annotate(cited=Exists(cited))
            .only("symbol", "symbol_key", "doc_type", "issued_on", "slug")
            .order_by()
        )
        self.cited = set()
        for document in rows:
            self.documents[document.pk] = document
            self.by_key.setdefault(document.symbol_key, []).append(
                Candidate(document.pk, document.issued_on)
            )
            if document.cited:
                self.cited.add(document.pk)

    def link_for(self, ref):
        """(href, title) for a reference, or None when it stays plain text."""
        issued_on = ref.issued_on
        if issued_on is None and len(self.dates.get(ref.key, ())) == 1:
            issued_on = next(iter(self.dates[ref.key]))
        status, candidate = resolve(issued_on, self.by_key.get(ref.key, []), self.cited)
        if status == "found":
            document = self.documents[candidate.id]
            return document.get_absolute_url(), document.full_name
        if status == "ambiguous":
            url = reverse("documents:list") + "?" + urlencode({"so": ref.symbol})
            return url, f"Các văn bản có số ký hiệu {ref.symbol}"
        return None

    def link_text(self, text):
        """Plain text in, HTML out: each reference that resolves wrapped in a link."""
        text = nfc(text)
        out, last = [], 0
        for ref in find_references(text):
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
    out, depth = [], 0
    for piece in _TOKEN.split(markup):
        if piece.startswith("<"):
            if _OPEN_A.match(piece):
                depth += 1
            elif _CLOSE_A.match(piece):
                depth = max(0, depth - 1)
            out.append(piece)
        elif piece and not depth:
            linked = links.link_text(html.unescape(piece))
            out.append(piece if linked is None else linked)
        else:
            out.append(piece)
    return mark_safe("".join(out))  # noqa: S308 - sanitised input, escaped text, format_html links
