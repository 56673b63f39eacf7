from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from documents.models import Document
from news.sitemaps import DatedSitemap

from .models import Page


class DocumentSitemap(DatedSitemap):
    changefreq = "monthly"
    priority = 0.5
    lastmod_field = "created_at"

    def items(self):
        # Its own documents: those its parent shares are listed (canonically) on the parent's.
        documents = Document.objects.filter(site=self.site)
        return documents.only("slug", "created_at").order_by("pk")


class PageSitemap(DatedSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        pages = Page.objects.published().filter(site=self.site)
        pages = pages.exclude(kind=Page.Kind.ABOUT)  # it redirects to /gioi-thieu/ (issue 19)
        return pages.only("slug", "kind", "updated_at").order_by("pk")


class FixedSitemap(Sitemap):
    """The fixed pages: home, the document library, the site map, the schedules, the
    procedures."""

    changefreq = "daily"

    def __init__(self, site):
        self.site = site

    def items(self):
        return [
            "news:home", "documents:list", "pages:site-map",
            "schedules:week", "schedules:reception", "procedures:list",
        ]  # fmt: skip

    def location(self, name):
        return reverse(name)
