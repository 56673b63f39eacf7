from news.sitemaps import DatedSitemap

from .models import Document


class DocumentSitemap(DatedSitemap):
    changefreq = "monthly"
    priority = 0.5
    lastmod_field = "created_at"

    def items(self):
        # Its own documents: those its parent shares are listed (canonically) on the parent's.
        documents = Document.objects.filter(site=self.site)
        return documents.only("slug", "created_at").order_by("pk")
