from django.contrib.sitemaps import Sitemap

from .models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Document.objects.only("slug", "created_at").order_by("pk")

    def lastmod(self, document):
        return document.created_at
