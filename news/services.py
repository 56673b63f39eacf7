"""An article's one write path: the admin, the editorial workflow, fixtures, the demo data and
the shell all save articles here.

`save_article` saves the article and, in the same transaction, what follows from it: the
documents its text cites (documents.citations), its body rendered for pages (news.rendering),
its search entry, its version (django-reversion) and, once the transaction commits, the
content version that invalidates cached pages, when the article is or was public. A page view
then only prints what was stored.

For a title edit of the 35-NQ/TW report (tests/test_article_service.py counts them): the
article's mentions and the documents they name (with the article's links and its editor's
choices), the UPDATE, the search entry, the version (its photos, existence checks, revision,
versions), and after the commit the content version.
"""

import reversion
from django.db import transaction

from core.text import plain_text
from documents.citations import ArticleCitations
from documents.references import find_references, with_inferred_dates
from pagecache.version import bump_on_commit
from search.index import index_object, reindex, remove_object

from .models import Article
from .models.article import PUBLICATION
from .rendering import render_body


def article_references(article):
    """The references of an article's title, lead and body, dates inferred across them."""
    text = "\n".join([article.title or "", article.lead or "", plain_text(article.body)])
    return with_inferred_dates(find_references(text))


def save_article(article, *, user=None, comment="", documents=None, related=None):
    """Save `article` with everything that follows from it, in one transaction.

    documents: what an editor's form selected as cited documents (None: no form); the editor's
        additions and removals are remembered (documents.CitationChoice).
    related: saves what the caller keeps beside the article once it has a primary key (the
        admin's gallery), inside the transaction and before the version is taken.
    """
    with transaction.atomic(), reversion.create_revision(manage_manually=True, atomic=False):
        citations = ArticleCitations(
            article.pk, article.site_id, article_references(article), selected=documents
        )
        article.body_html = render_body(article, citations.link_for)
        # Public now (in memory) means this save changes public pages; otherwise ask the row
        # whether it was public until now (an unpublished or rescheduled article).
        was_public = (
            article.pk is not None
            and not PUBLICATION.is_live(article)
            and Article.objects.filter(PUBLICATION.live_q(), pk=article.pk).exists()
        )
        article.save()
        if related is not None:
            related()
        citations.write(article.pk)
        index_object(article)
        _keep_version(article, citations.linked_documents(), user, comment)
        if was_public or article.is_public:
            bump_shown(article.site_id)
    return article


def _keep_version(article, documents, user, comment):
    """The version holds the article with its final links and its gallery (reversion follows
    `images`). The links were just written: they reach the version's serializer through
    Django's prefetch cache (where prefetch_related would put them) instead of being read
    again, and the cache is emptied after, so the caller's instance keeps nothing that a later
    change elsewhere would make stale."""
    cache = article.__dict__.setdefault("_prefetched_objects_cache", {})
    cache.pop("documents", None)
    queryset = article.documents.all()
    queryset._result_cache, queryset._prefetch_done = documents, True
    cache["documents"] = queryset
    try:
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)  # serialises the article now
    finally:
        cache.pop("documents", None)


@transaction.atomic
def delete_article(article):
    was_public = article.is_public
    remove_object(article)
    article.delete()
    if was_public:
        bump_shown(article.site_id)


def rendered_body(article):
    """The body as save_article would store it (for a row that never went through it)."""
    citations = ArticleCitations(article.pk, article.site_id, article_references(article))
    return render_body(article, citations.link_for)


def render_articles(article_ids, batch_size=500):
    """Render again the stored bodies of these articles (their links may have moved: a
    document they cite or could cite was added, changed or deleted). Returns how many."""
    article_ids = sorted(set(article_ids))
    fields = [
        "site", "title", "lead", "body", "gallery_after", "status", "published_at", "expires_at"
    ]  # fmt: skip
    done, public = 0, set()
    for first in range(0, len(article_ids), batch_size):
        batch = Article.objects.filter(pk__in=article_ids[first : first + batch_size])
        changed = []
        for article in batch.only(*fields):
            citations = ArticleCitations(article.pk, article.site_id, article_references(article))
            article.body_html = render_body(article, citations.link_for)
            changed.append(article)
            if article.is_public:
                public.add(article.site_id)
        Article.objects.bulk_update(changed, ["body_html"])
        done += len(changed)
    if public:
        bump_shown(*public)
    return done


def refresh_articles(queryset, fresh=False, batch_size=500):
    """Everything save_article derives, for articles written without it (bulk_create in the
    demo data, loaddata, an import): mentions, links, rendered body, search entry. No version
    is kept (nothing was edited). `fresh`: rows just inserted, with no mentions, links or
    choices yet (nothing to read). Returns how many."""
    done = 0
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), batch_size):
        with transaction.atomic():
            batch = Article.objects.filter(pk__in=ids[first : first + batch_size])
            articles = list(batch)
            for article in articles:
                stored = None if fresh else article.pk
                references = article_references(article)
                citations = ArticleCitations(stored, article.site_id, references)
                article.body_html = render_body(article, citations.link_for)
                citations.write(article.pk)
            Article.objects.bulk_update(articles, ["body_html"])
            reindex(batch)
            done += len(articles)
            bump_shown(*{article.site_id for article in articles})
    return done


def bump_shown(*site_ids):
    """Once the transaction commits: the content version of the articles' sites, and of their
    parents (a parent's home gathers its children's news, DESIGN.md "Sites")."""
    bump_on_commit(site_ids, with_parent=True)


def citing_articles_changed(sender, article_ids, **kwargs):
    """documents.signals.citing_articles_changed: the library moved these articles' links."""
    render_articles(article_ids)
