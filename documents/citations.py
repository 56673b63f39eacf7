"""Which documents an article cites: recognised in its text, corrected by its editors.

An article's `documents` (the links readers see under the article and on each document's
page) are kept equal to:

    what the text cites and the library resolves  -  what an editor removed
                                                   +  what an editor added

"The library" is the article's site's: its own documents first, then its parent's (a province
shares its documents with its communes), never another site's.

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
    site_id: int | None = None


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


def resolve_on(site_ids, issued_on, candidates, cited_ids=()):
    """resolve() in the library of a site: `site_ids` = (the site, its parent if any). The site's
    own documents are asked first; the parent's answer only what they leave unfound."""
    own = [c for c in candidates if c.site_id == site_ids[0]]
    shared = [c for c in candidates if c.site_id in site_ids[1:]]
    status, found = resolve(issued_on, own, cited_ids)
    if status == "found" or not shared:
        return status, found
    shared_status, shared_found = resolve(issued_on, shared, cited_ids)
    if shared_status == "found" or status == "missing":
        return shared_status, shared_found
    return status, found


def sharing_by_site(site_ids):
    """{site id: (site id, parent id?)} for these sites: whose documents each one sees."""
    from multisite.models import SiteProfile

    rows = SiteProfile.objects.filter(pk__in=set(site_ids)).values_list("pk", "parent_id")
    return {pk: (pk,) if parent is None else (pk, parent) for pk, parent in rows}


def _candidates_by_key(keys, site_ids):
    from .models import Document

    found = defaultdict(list)
    rows = Document.objects.filter(symbol_key__in=set(keys), site_id__in=set(site_ids))
    for pk, key, issued_on, site_id in rows.values_list("id", "symbol_key", "issued_on", "site_id"):
        found[key].append(Candidate(pk, issued_on, site_id))
    return found


def _resolved_ids(mentions, candidates_by_key, sharing, removed=()):
    ids = set()
    for key, issued_on in mentions:
        candidates = [c for c in candidates_by_key.get(key, []) if c.id not in removed]
        status, candidate = resolve_on(sharing, issued_on, candidates)
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


def _apply(mentions_before, mentions_after, candidates_before, candidates_after, sharing):
    """Move each article's auto-links from what its text resolved to before to what it does now.

    mentions_*: {article_id: {(key, date)}}; candidates_*: {key: [Candidate]}; sharing:
    {article_id: the ids of the sites whose documents it may cite (its own first)}.
    """
    article_ids = set(mentions_before) | set(mentions_after)
    if not article_ids:
        return
    added, removed = _choices(article_ids)
    current = _current_links(article_ids)
    through = _through()
    create, delete = [], []
    for article_id in article_ids:
        sites, gone = sharing[article_id], removed[article_id]
        before = _resolved_ids(mentions_before.get(article_id, ()), candidates_before, sites, gone)
        after = _resolved_ids(mentions_after.get(article_id, ()), candidates_after, sites, gone)
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
            Mention(
                article_id=article.pk,
                site_id=article.site_id,
                symbol=symbol,
                symbol_key=key,
                issued_on=issued_on,
            )  # fmt: skip
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
        sites = sharing_by_site([article.site_id])[article.site_id]
        candidates = _candidates_by_key({key for key, _ in before | after}, sites)
        _apply(
            {article.pk: before}, {article.pk: after}, candidates, candidates, {article.pk: sites}
        )


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
                article_id=article.pk, document_id=document_id,
                defaults={"choice": choice, "site_id": article.site_id},
            )  # fmt: skip
        through = _through()
        through.objects.bulk_create(
            [through(article_id=article.pk, document_id=pk) for pk in added - current],
            ignore_conflicts=True,
        )
        through.objects.filter(article_id=article.pk, document_id__in=removed).delete()
    article._documents_shown = None


class DocumentWatch:
    """Taken before a document is saved or deleted; `apply()` afterwards relinks the articles
    that cite its symbol (old or new) on the sites that see it (its own and the sites it shares
    its documents with), so no editor has to re-save them."""

    def __init__(self, document):
        from multisite.models import SiteProfile
        from news.text import normalize_symbol

        from .models import Document

        self.keys = {normalize_symbol(document.symbol)}
        if document.pk:
            old = Document.objects.filter(pk=document.pk).values_list("symbol_key", flat=True)
            self.keys.update(old)
        # Whose articles may cite it: its site's and its site's children's; and whose
        # documents those articles see: theirs and their parent's.
        children = SiteProfile.objects.filter(parent_id=document.site_id).values_list("pk")
        self.citing_sites = {document.site_id, *(pk for (pk,) in children)}
        self.sharing = sharing_by_site(self.citing_sites)
        self.seen_sites = {pk for sites in self.sharing.values() for pk in sites}
        self.candidates_before = _candidates_by_key(self.keys, self.seen_sites)

    def apply(self):
        from .models import Mention

        mentions, sharing = defaultdict(set), {}
        rows = Mention.objects.filter(symbol_key__in=self.keys, site_id__in=self.citing_sites)
        for article_id, key, issued_on, site_id in rows.values_list(
            "article_id", "symbol_key", "issued_on", "site_id"
        ):
            mentions[article_id].add((key, issued_on))
            sharing[article_id] = self.sharing[site_id]
        if mentions:
            after = _candidates_by_key(self.keys, self.seen_sites)
            _apply(mentions, mentions, self.candidates_before, after, sharing)


def watch_document(document):
    return DocumentWatch(document)
