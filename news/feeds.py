"""RSS 2.0 feeds: the latest articles of the whole site and of each category."""

from dataclasses import dataclass

from django.contrib.sites.models import Site
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape

from multisite.current import site_of

from .models import Article, Category

FEED_SIZE = 30


@dataclass
class Source:
    """What one feed request is about. Feed instances are shared between threads: no state."""

    site: Site
    category: Category | None = None

    @property
    def identity(self):
        return self.site.profile

    @property
    def publisher(self):
        return self.identity.managing_unit or self.identity.site_name


class LatestArticlesFeed(Feed):
    language = "vi"

    def get_object(self, request):
        return Source(site_of(request))

    def title(self, source):
        return f"{source.identity.site_name} - Tin mới"

    def description(self, source):
        return f"Các bài viết mới nhất của {source.publisher}."

    def link(self, source):
        return reverse("news:home")

    def items(self, source):
        return Article.objects.published().for_listing().filter(site=source.site)[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # RSS readers take the description as HTML: the plain-text lead is escaped once here
        # (and the XML writer escapes that again), so "<" or "&" in a lead reads as typed.
        return escape(article.lead)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return article.author_line or None

    def item_categories(self, article):
        return [article.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        site = site_of(request)
        category = get_object_or_404(Category, slug=slug, site=site)
        return Source(site, category)

    def title(self, source):
        return f"{source.identity.site_name} - {source.category.name}"

    def description(self, source):
        return f"Các bài viết mới nhất của chuyên mục {source.category.name}, {source.publisher}."

    def link(self, source):
        return source.category.get_absolute_url()

    def items(self, source):
        category = source.category
        articles = Article.objects.published().for_listing()
        return articles.filter(Q(category=category) | Q(category__parent=category))[:FEED_SIZE]
