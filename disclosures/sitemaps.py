from news.sitemaps import DatedSitemap

from .models import Disclosure


class DisclosureSitemap(DatedSitemap):
    """The site's published disclosures."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        disclosures = Disclosure.objects.published().filter(site=self.site)
        return disclosures.only("slug", "updated_at").order_by("pk")
