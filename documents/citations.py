"""Which documents an article cites: recognised in its text, corrected by its editors.

An article's `documents` (the links readers see under the article and on each document's
page) are kept equal to:

    what the text cites and the library resolves  -  what an editor removed
                                                   +  what an editor added

The text's references are indexed in `Mention` on every save of the article; an editor's
additions and removals in `CitationChoice` (recorded by `CitedDocumentsField` when the admin
form is saved). Links that came from elsewhere (a fixture, the shell) are never removed here:
only a link that the recogniser itself made goes away when the text stops citing it.
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from .references import find_references, with_inferred_dates

_TAG = re.compile(r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")


def plain_text(markup):
    """Text of sanitised HTML: tags become spaces (so block boundaries stay boundaries)."""
    return html.unescape(_TAG.sub(" ", markup or ""))


def article_text(article):
    return "\n".join([article.title or "", article.lead or "", plain_text(article.body)])


def article_references(article):
    """The references of an article's title, lead and body, dates inferred across them."""
    return with_inferred_dates(find_references(article_text(article)))


@dataclass(frozen=True)
class Candidate:
    id: int
    issued_on: object


def resolve(issued_on, candidates, cited_ids=()):
    """The document a reference means among the documents sharing its symbol.

    Returns (status, candidate): "found", "ambiguous" (several, nothing tells them apart)
    or "missing" (none, or none of the date given).
    """
    if issued_on:
        exact = [c for c in candidates if c.issued_on == issued_on]
        undated = [c for c in candidates if c.issued_on is None]
        if exact:
            return "found", exact[0]
        if len(undated) == 1:  # the library does not know its date yet
            return "found", undated[0]
        return "missing", None
    if len(candidates) == 1:
        return "found", candidates[0]
    if not candidates:
        return "missing", None
    chosen = [c for c in candidates if c.id in cited_ids]  # the editor picked one of them
    if len(chosen) == 1:
        return "found", chosen[0]
    return "ambiguous", None


def _candidates_by_key(keys):
    from .models import Document

    found = defaultdict(list)
    rows = Document.objects.filter(symbol_key__in=set(keys)).values_list(
        "id", "symbol_key", "issued_on"
    )
    for pk, key, issued_on in rows:
        found[key].append(Candidate(pk, issued_on))
    return found


def _resolved_ids(mentions, candidates_by_key, removed=()):
    ids = set()
    for key, issued_on in mentions:
        candidates = [c for c in candidates_by_key.get(key, []) if c.id not in removed]
        status, candidate = resolve(issued_on, candidates)
        if status == "found":
            ids.add(candidate.id)
    return ids


def _through():
    from news.models import Article

    return Article.documents.through


def _choices(article_ids):
    from .models import CitationChoice

    added, removed = defaultdict(set), defaultdict(set)
    rows = CitationChoice.objects.filter(article_id__in=article_ids).values_list(
        "article_id", "document_id", "choice"
    )
    for article_id, document_id, choice in rows:
        (added if choice == CitationChoice.Choice.ADDED else removed)[article_id].add(document_id)
    return added, removed


def _current_links(article_ids):
    links = defaultdict(set)
    rows = (
        _through()
        .objects.filter(article_id__in=article_ids)
        .values_list("article_id", "document_id")
    )
    for article_id, document_id in rows:
        links[article_id].add(document_id)
    return links


def _apply(mentions_before, mentions_after, candidates_before, candidates_after):
    """Move each article's auto-links from what its text resolved to before to what it does now.

    mentions_*: {article_id: {(key, date)}}; candidates_*: {key: [Candidate]}.
    """
    article_ids = set(mentions_before) | set(mentions_after)
    if not article_ids:
        return
    added, removed = _choices(article_ids)
    current = _current_links(article_ids)
    through = _through()
    create, delete = [], []
    for article_id in article_ids:
        before = _resolved_ids(
            mentions_before.get(article_id, ()), candidates_before, removed[article_id]
        )
        after = _resolved_ids(
            mentions_after.get(article_id, ()), candidates_after, removed[article_id]
        )
        for document_id in (before - after) - added[article_id]:
            if document_id in current[article_id]:
                delete.append((article_id, document_id))
        for document_id in after - current[article_id]:
            create.append(through(article_id=article_id, document_id=document_id))
    if create:
        through.objects.bulk_create(create, ignore_conflicts=True)
    for article_id, document_id in delete:
        through.objects.filter(article_id=article_id, document_id=document_id).delete()


def index_mentions(article, references=None):
    """Store the article's references; returns (before, after) as sets of (key, date)."""
    from .models import Mention

    references = article_references(article) if references is None else references
    after = {}
    for ref in references:
        after.setdefault((ref.key, ref.issued_on), ref.symbol)
    stored = Mention.objects.filter(article_id=article.pk)
    before = set(stored.values_list("symbol_key", "issued_on"))
    if before != set(after):
        stored.delete()
        Mention.objects.bulk_create(
            Mention(article_id=article.pk, symbol=symbol, symbol_key=key, issued_on=issued_on)
            for (key, issued_on), symbol in after.items()
        )
    return before, set(after)


TEXT_FIELDS = {"title", "lead", "body"}


def sync_article(article, update_fields=None):
    """After an article is saved: index its references and update its auto-links."""
    if update_fields is not None and not TEXT_FIELDS.intersection(update_fields):
        return  # a status or counter change: the text, hence its references, is the same
    with transaction.atomic():
        # What the editor's form showed: CitedDocumentsField compares the submission with it.
        article._documents_shown = _current_links([article.pk])[article.pk]
        before, after = index_mentions(article)
        if not (before or after):
            return
        candidates = _candidates_by_key({key for key, _ in before | after})
        _apply({article.pk: before}, {article.pk: after}, candidates, candidates)


def record_editor_choices(article, selected):
    """The admin form's documents were submitted: remember what the editor added or removed."""
    from .models import CitationChoice

    selected = {document.pk for document in selected}
    current = _current_links([article.pk])[article.pk]
    shown = getattr(article, "_documents_shown", None)
    shown = current if shown is None else shown
    added, removed = selected - shown, shown - selected
    with transaction.atomic():
        for document_id, choice in [
            *((pk, CitationChoice.Choice.ADDED) for pk in added),
            *((pk, CitationChoice.Choice.REMOVED) for pk in removed),
        ]:
            CitationChoice.objects.update_or_create(
                article_id=article.pk, document_id=document_id, defaults={"choice": choice}
            )
        through = _through()
        through.objects.bulk_create(
            [through(article_id=article.pk, document_id=pk) for pk in added - current],
            ignore_conflicts=True,
        )
        through.objects.filter(article_id=article.pk, document_id__in=removed).delete()
    article._documents_shown = None


class DocumentWatch:
    """Taken before a document is saved or deleted; `apply()` afterwards relinks the articles
    that cite its symbol (old or new), so no editor has to re-save them."""

    def __init__(self, document):
        from news.text import normalize_symbol

        from .models import Document

        self.keys = {normalize_symbol(document.symbol)}
        if document.pk:
            old = Document.objects.filter(pk=document.pk).values_list("symbol_key", flat=True)
            self.keys.update(old)
        self.candidates_before = _candidates_by_key(self.keys)

    def apply(self):
        from .models import Mention

        mentions = defaultdict(set)
        rows = Mention.objects.filter(symbol_key__in=self.keys).values_list(
            "article_id", "symbol_key", "issued_on"
        )
        for article_id, key, issued_on in rows:
            mentions[article_id].add((key, issued_on))
        if mentions:
            _apply(mentions, mentions, self.candidates_before, _candidates_by_key(self.keys))


def watch_document(document):
    return DocumentWatch(document)
