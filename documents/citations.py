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

"The library" is the article's site's: its own documents first, then its parent's (a province
shares its documents with its communes, DESIGN.md "Sites"), never another site's. Every
function that resolves takes the ids of the sites whose documents count: `(site, parent?)`.

`ArticleCitations` reads one article's state in two queries, works out the new one in memory
and writes only what changed; its `link_for()` tells the body renderer where each reference
goes, with the same resolver. Nothing here knows the article model: the article's writer
(news.services) hands in its id and its references.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
)
from django.urls import reverse

from .models import CitationChoice, Document, Mention
from .references import normalize_symbol

ADDED, REMOVED = CitationChoice.Choice.ADDED, CitationChoice.Choice.REMOVED


@dataclass(frozen=True)
class Candidate:
    id: int
    issued_on: date | None
    site_id: int | None = None


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


def resolve_on(site_ids, issued_on, candidates, cited_ids=()):
    """resolve() in the library of a site: `site_ids` = (the site, its parent if any). The
    site's own documents are asked first; the parent's answer only what they leave unfound."""
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


def mention_keys(references):
    """{(symbol key, date): symbol as first written} of a text's references."""
    found = {}
    for ref in references:
        found.setdefault((ref.key, ref.issued_on), ref.symbol)
    return found


def candidates_by_key(keys, site_ids):
    """{symbol key: [Candidate]}: the documents of these symbols on these sites (one query)."""
    found = defaultdict(list)
    rows = Document.objects.filter(symbol_key__in=set(keys), site_id__in=set(site_ids))
    for pk, key, issued_on, site_id in rows.values_list("id", "symbol_key", "issued_on", "site_id"):
        found[key].append(Candidate(pk, issued_on, site_id))
    return found


def _resolved(mentions, candidates, removed, sites):
    ids = set()
    for key, issued_on in mentions:
        usable = [c for c in candidates.get(key, ()) if c.id not in removed]
        status, candidate = resolve_on(sites, issued_on, usable)
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

    `site_id`: the article's site (its library: its own documents, then its parent's);
    `references`: the text's references (dates inferred across title, lead and body);
    `selected`: the documents an editor's form submitted (None: no form, e.g. the shell or a
    workflow step), compared with the links as they are to record what the editor added or
    removed.
    """

    def __init__(self, article_id, site_id, references, selected=None):
        self.article_id = article_id
        self.sites = (site_id,)  # and the parent's, once the library is read
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
            if document.pk not in removed and getattr(document, "in_library", False):
                self.candidates[document.symbol_key].append(
                    Candidate(document.pk, document.issued_on, document.site_id)
                )
        self.final = new_links(
            self.links,
            _resolved(self.before, self.candidates, removed, self.sites),
            _resolved(self.after, self.candidates, removed, self.sites),
            added,
            removed,
        )
        self.dates = defaultdict(set)
        for ref in references:
            if ref.issued_on:
                self.dates[ref.key].add(ref.issued_on)

    def _load_documents(self, keys):
        """The library's documents of the cited symbols, the article's links and the editor's
        choices about it, in one query (the choice by a join on this article, the link by
        EXISTS). The parent is asked in the same query (a subquery on the site's profile)."""
        from multisite.models import SiteProfile

        parent = SiteProfile.objects.filter(pk=self.sites[0]).values("parent_id")
        library = Q(site_id=self.sites[0]) | Q(site_id__in=parent)
        wanted = Q(symbol_key__in=keys) & library
        queryset = (
            Document.objects.only(
                "symbol", "symbol_key", "doc_type", "issued_on", "slug", "site_id"
            )
            .annotate(in_library=ExpressionWrapper(library, output_field=BooleanField()))
            .order_by()
        )
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
            if document.in_library and document.site_id != self.sites[0]:
                self.sites = (self.sites[0], document.site_id)  # the parent's: it shares
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
        candidates = self.candidates.get(ref.key, [])
        status, candidate = resolve_on(self.sites, issued_on, candidates, self.final)
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
                Mention(
                    article_id=article_id,
                    site_id=self.sites[0],
                    symbol=symbol,
                    symbol_key=key,
                    issued_on=issued_on,
                )  # fmt: skip
                for (key, issued_on), symbol in self.after.items()
            )
        if self.changed_choices:
            CitationChoice.objects.bulk_create(
                [
                    CitationChoice(
                        article_id=article_id,
                        document_id=pk,
                        choice=choice,
                        site_id=self.sites[0],
                    )  # fmt: skip
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
    (their bodies' links may have changed too: the caller renders them again).

    The articles are those of the sites that see the documents: their own sites and those
    sites' children; each article resolves in its own site's library."""

    def __init__(self, documents):
        from multisite.models import SiteProfile

        own_sites = {document.site_id for document in documents}
        children = SiteProfile.objects.filter(parent_id__in=own_sites).values_list("pk", flat=True)
        self.citing_sites = own_sites | set(children)
        self.sharing = sharing_by_site(self.citing_sites)
        self.seen_sites = {pk for sites in self.sharing.values() for pk in sites}
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
        self.before = candidates_by_key(self.keys, self.seen_sites)

    def relink(self):
        mentions, sites = defaultdict(set), {}
        rows = Mention.objects.filter(symbol_key__in=self.keys, site_id__in=self.citing_sites)
        for article_id, key, issued_on, site_id in rows.values_list(
            "article_id", "symbol_key", "issued_on", "site_id"
        ):
            mentions[article_id].add((key, issued_on))
            sites[article_id] = self.sharing[site_id]
        if not mentions:
            return set()
        after = candidates_by_key(self.keys, self.seen_sites)
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
                _resolved(cited, self.before, removed, sites[article_id]),
                _resolved(cited, after, removed, sites[article_id]),
                added,
                removed,
            )
            write_links(article_id, links[article_id], final)
        return article_ids


def missing_mentions(site):
    """[{symbol_key, issued_on, articles}]: what the site's articles cite and its library (its
    own documents and its parent's) lacks, the most cited first. The mentions are grouped in
    SQL; `resolve_on` decides what is missing."""
    groups = list(
        Mention.objects.filter(site_id=site.pk)
        .values("symbol_key", "issued_on")
        .annotate(articles=Count("article", distinct=True))
        .order_by("-articles", "symbol_key", "issued_on")
    )
    sites = sharing_by_site([site.pk])[site.pk]
    library = candidates_by_key({group["symbol_key"] for group in groups}, sites)
    return [
        group
        for group in groups
        if resolve_on(sites, group["issued_on"], library.get(group["symbol_key"], ()))[0]
        == "missing"
    ]
