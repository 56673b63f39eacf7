"""Which documents an article cites, and where each of its references links: one resolver.

An article's links to documents (the list under the article, and each document's "articles
citing it") are kept equal to:

    what the text cites and the library resolves  -  what an editor removed
                                                   +  what an editor added

Links made elsewhere (a fixture, the shell) stay until an editor removes them: only a link
that the recogniser itself made goes away when the text stops citing it. The text's
references are indexed in `Mention` (so that a document added later finds the articles that
already cite it, and the admin lists the symbols cited but missing); an editor's additions and
removals in `CitationChoice`.

`ArticleCitations` reads one article's state in two queries, works out the new one in memory
and writes only what changed; its `link_for()` tells the body renderer where each reference
goes, with the same resolver. Nothing here knows the article model: the article's writer
(news.services) hands in its id and its references.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q
from django.urls import reverse

from .models import CitationChoice, Document, Mention
from .references import normalize_symbol

ADDED, REMOVED = CitationChoice.Choice.ADDED, CitationChoice.Choice.REMOVED


@dataclass(frozen=True)
class Candidate:
    id: int
    issued_on: date | None


def resolve(issued_on, candidates, cited_ids=()):
    """The document a reference means among the documents sharing its symbol.

    Returns (status, candidate): "found", "ambiguous" (several, nothing tells them apart)
    or "missing" (none, or none of the date given). The only definition of the rule: saving
    an article, rendering its body and the admin's list of missing symbols all call it.
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


def mention_keys(references):
    """{(symbol key, date): symbol as first written} of a text's references."""
    found = {}
    for ref in references:
        found.setdefault((ref.key, ref.issued_on), ref.symbol)
    return found


def candidates_by_key(keys):
    """{symbol key: [Candidate]}: the library's documents of these symbols (one query)."""
    found = defaultdict(list)
    rows = Document.objects.filter(symbol_key__in=set(keys)).values_list(
        "id", "symbol_key", "issued_on"
    )
    for pk, key, issued_on in rows:
        found[key].append(Candidate(pk, issued_on))
    return found


def _resolved(mentions, candidates, removed):
    ids = set()
    for key, issued_on in mentions:
        usable = [c for c in candidates.get(key, ()) if c.id not in removed]
        status, candidate = resolve(issued_on, usable)
        if status == "found":
            ids.add(candidate.id)
    return ids


def new_links(links, before, after, added, removed):
    """The links after a change of the text (mentions before/after resolved to ids) or of the
    library: the recogniser's links follow the text, the editor's choices win, links from
    elsewhere stay."""
    return ((links | after | added) - ((before - after) - added)) - removed


class ArticleCitations:
    """One article's citation state: read in two queries, changed in memory, written back.

    `references`: the text's references (dates inferred across title, lead and body);
    `selected`: the documents an editor's form submitted (None: no form, e.g. the shell or a
    workflow step), compared with the links as they are to record what the editor added or
    removed.
    """

    def __init__(self, article_id, references, selected=None):
        self.article_id = article_id
        self.references = references
        self.after = mention_keys(references)
        self.before = set()
        if article_id is not None:
            rows = Mention.objects.filter(article_id=article_id)
            self.before = set(rows.values_list("symbol_key", "issued_on"))
        self.documents, self.choices, self.links = {}, {}, set()
        self._load_documents({key for key, _ in self.before | set(self.after)})
        self.changed_choices = {}
        if selected is not None:
            for document in selected:
                self.documents.setdefault(document.pk, document)
            selected = {document.pk for document in selected}
            for pk in selected - self.links:
                self.changed_choices[pk] = ADDED
            for pk in self.links - selected:
                self.changed_choices[pk] = REMOVED
            self.choices.update(self.changed_choices)
        added = {pk for pk, choice in self.choices.items() if choice == ADDED}
        removed = {pk for pk, choice in self.choices.items() if choice == REMOVED}
        self.candidates = defaultdict(list)
        for document in self.documents.values():
            if document.pk not in removed:
                self.candidates[document.symbol_key].append(
                    Candidate(document.pk, document.issued_on)
                )
        self.final = new_links(
            self.links,
            _resolved(self.before, self.candidates, removed),
            _resolved(self.after, self.candidates, removed),
            added,
            removed,
        )
        self.dates = defaultdict(set)
        for ref in references:
            if ref.issued_on:
                self.dates[ref.key].add(ref.issued_on)

    def _load_documents(self, keys):
        """The documents of the cited symbols, the article's links and the editor's choices
        about it, in one query (the choice by a join on this article, the link by EXISTS)."""
        wanted = Q(symbol_key__in=keys)
        queryset = Document.objects.only(
            "symbol", "symbol_key", "doc_type", "issued_on", "slug"
        ).order_by()
        if self.article_id is not None:
            through = Document.articles.through.objects.filter(
                article_id=self.article_id, document_id=OuterRef("pk")
            )
            queryset = queryset.annotate(
                mine=FilteredRelation(
                    "citation_choices", condition=Q(citation_choices__article_id=self.article_id)
                ),
                choice=F("mine__choice"),
                linked=Exists(through),
            )
            wanted |= Q(linked=True) | Q(choice__isnull=False)
        elif not keys:
            return
        for document in queryset.filter(wanted):
            self.documents[document.pk] = document
            if getattr(document, "linked", False):
                self.links.add(document.pk)
            if getattr(document, "choice", None):
                self.choices[document.pk] = document.choice

    # --- rendering -------------------------------------------------------------------------

    def link_for(self, ref):
        """(href, title) for a reference in the body, or None when it stays plain text."""
        issued_on = ref.issued_on
        if issued_on is None and len(self.dates.get(ref.key, ())) == 1:
            issued_on = next(iter(self.dates[ref.key]))
        status, candidate = resolve(issued_on, self.candidates.get(ref.key, []), self.final)
        if status == "found":
            document = self.documents[candidate.id]
            return document.get_absolute_url(), document.full_name
        if status == "ambiguous":
            url = reverse("documents:list") + "?" + urlencode({"so": ref.symbol})
            return url, f"Các văn bản có số ký hiệu {ref.symbol}"
        return None

    def linked_documents(self):
        """The documents linked after this change (the article's `documents`)."""
        return [self.documents[pk] for pk in sorted(self.final)]

    # --- writing ---------------------------------------------------------------------------

    def write(self, article_id):
        """Store what changed: mentions, editor choices, links (nothing when nothing did)."""
        if set(self.after) != self.before:
            Mention.objects.filter(article_id=article_id).delete()
            Mention.objects.bulk_create(
                Mention(article_id=article_id, symbol=symbol, symbol_key=key, issued_on=issued_on)
                for (key, issued_on), symbol in self.after.items()
            )
        if self.changed_choices:
            CitationChoice.objects.bulk_create(
                [
                    CitationChoice(article_id=article_id, document_id=pk, choice=choice)
                    for pk, choice in self.changed_choices.items()
                ],
                update_conflicts=True,
                unique_fields=["article", "document"],
                update_fields=["choice", "created_at"],
            )
        write_links(article_id, self.links, self.final)


def write_links(article_id, before, after):
    through = Document.articles.through
    if before - after:
        through.objects.filter(article_id=article_id, document_id__in=before - after).delete()
    if after - before:
        through.objects.bulk_create(
            [through(article_id=article_id, document_id=pk) for pk in after - before],
            ignore_conflicts=True,
        )


class LibraryChange:
    """Taken before documents are saved or deleted; `relink()` afterwards moves the links of
    the articles that cite their symbols (old or new) from what the library resolved before to
    what it resolves now, so that no editor has to save those articles again. Returns their ids
    (their bodies' links may have changed too: the caller renders them again)."""

    def __init__(self, documents):
        self.keys = set()
        for document in documents:
            self.keys.add(document.symbol_key or "")
            self.keys.add(normalize_symbol(document.symbol))
        pks = [document.pk for document in documents if document.pk]
        if pks:  # the stored symbols: a save may change them
            self.keys.update(
                Document.objects.filter(pk__in=pks).values_list("symbol_key", flat=True)
            )
        self.keys.discard("")
        self.before = candidates_by_key(self.keys)

    def relink(self):
        mentions = defaultdict(set)
        rows = Mention.objects.filter(symbol_key__in=self.keys).values_list(
            "article_id", "symbol_key", "issued_on"
        )
        for article_id, key, issued_on in rows:
            mentions[article_id].add((key, issued_on))
        if not mentions:
            return set()
        after = candidates_by_key(self.keys)
        article_ids = set(mentions)
        choices = defaultdict(dict)
        for article_id, document_id, choice in CitationChoice.objects.filter(
            article_id__in=article_ids
        ).values_list("article_id", "document_id", "choice"):
            choices[article_id][document_id] = choice
        links = defaultdict(set)
        through = Document.articles.through
        for article_id, document_id in through.objects.filter(
            article_id__in=article_ids
        ).values_list("article_id", "document_id"):
            links[article_id].add(document_id)
        for article_id, cited in mentions.items():
            mine = choices[article_id]
            added = {pk for pk, choice in mine.items() if choice == ADDED}
            removed = {pk for pk, choice in mine.items() if choice == REMOVED}
            final = new_links(
                links[article_id],
                _resolved(cited, self.before, removed),
                _resolved(cited, after, removed),
                added,
                removed,
            )
            write_links(article_id, links[article_id], final)
        return article_ids


def missing_mentions():
    """[{symbol_key, issued_on, articles}]: what articles cite and the library lacks, the most
    cited first. The mentions are grouped in SQL; `resolve` decides what is missing."""
    groups = list(
        Mention.objects.values("symbol_key", "issued_on")
        .annotate(articles=Count("article", distinct=True))
        .order_by("-articles", "symbol_key", "issued_on")
    )
    library = candidates_by_key({group["symbol_key"] for group in groups})
    return [
        group
        for group in groups
        if resolve(group["issued_on"], library.get(group["symbol_key"], ()))[0] == "missing"
    ]
