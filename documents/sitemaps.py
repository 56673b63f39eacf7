from news.sitemaps import DatedSitemap

from .models import Document


class DocumentSitemap(DatedSitemap):
    changefreq = "monthly"
    priority = 0.5
    lastmod_field = "created_at"

    def items(self):
        return Document.objects.only("slug", "created_at").order_by("pk")
