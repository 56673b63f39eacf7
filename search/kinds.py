"""Articles, documents and static pages in the search index."""

from datetime import datetime, time

from django.utils import timezone

from core.text import plain_text
from documents.models import Document
from news.models import Article
from news.models.article import PUBLICATION
from pages.models import Page

from .registry import Entry, register


def article_entry(article):
    return Entry(
        title=article.title,
        text=plain_text(f"{article.lead}\n<p>{article.body}</p>"),
        url=article.get_absolute_url(),
        # The facts the publication rule reads, copied for search.models.PUBLICATION.
        public=PUBLICATION.is_approved(article),
        date=article.published_at,
        visible_from=article.published_at,
        visible_until=article.expires_at,
        category_id=article.category_id,
    )


def document_entry(document):
    issued = document.issued_on
    date = (
        timezone.make_aware(datetime.combine(issued, time.min)) if issued else document.created_at
    )
    return Entry(
        title=document.full_name,
        text=plain_text(" ".join(filter(None, [document.title, document.issuing_body]))),
        url=document.get_absolute_url(),
        public=True,  # the document library is public as a whole
        date=date,
        visible_from=document.created_at,
    )


def page_entry(page):
    return Entry(
        title=page.title,
        text=plain_text(page.body),
        url=page.get_absolute_url(),
        public=page.is_published,
        date=page.updated_at,
    )


def register_defaults():
    # Articles are indexed by their write path (news.services), in its transaction.
    register(Article, slug="bai-viet", label="Bài viết", entry=article_entry, signals=False)
    # A province's documents are its communes' too (Document.objects.visible_on).
    register(Document, slug="van-ban", label="Văn bản", entry=document_entry, shared=True)
    register(Page, slug="trang", label="Trang", entry=page_entry)
