from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class OrganisationSitemap(Sitemap):
    """The "Giới thiệu" section, the access-to-information page and the English pages."""

    changefreq = "monthly"
    priority = 0.6

    def __init__(self, site):
        self.site = site

    def items(self):
        return [
            "organisation:overview", "organisation:chart", "organisation:leaders",
            "organisation:contacts", "organisation:access",
            "organisation:en-overview", "organisation:en-chart", "organisation:en-contacts",
        ]  # fmt: skip

    def location(self, name):
        return reverse(name)
