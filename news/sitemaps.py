from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.utils.functional import cached_property

from .models import Article, Category


class PortalSitemap(Sitemap):
    """A sitemap section of one site that counts its rows once per request.

    Django's paginator property builds a new Paginator (a new COUNT) on every use.
    """

    def __init__(self, site):
        self.site = site

    @cached_property
    def paginator(self):
        return Paginator(self._items(), self.limit)


class DatedSitemap(PortalSitemap):
    """Dated by a field; the section's date is one MAX() (Django's default reads every row)."""

    lastmod_field = "updated_at"

    def lastmod(self, item):
        return getattr(item, self.lastmod_field)

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]


class ArticleSitemap(DatedSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        # Ordered by primary key: stable pages of the sitemap index while articles are added.
        articles = Article.objects.published().filter(site=self.site)
        return articles.only("slug", "updated_at").order_by("pk")


class CategorySitemap(PortalSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.filter(site=self.site).only("slug").order_by("pk")
