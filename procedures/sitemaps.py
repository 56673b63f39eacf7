from news.sitemaps import DatedSitemap

from .models import Procedure


class ProcedureSitemap(DatedSitemap):
    """The procedures a site shows (its own and its parent's), at the site's own URLs."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        procedures = Procedure.objects.visible_on(self.site)
        return procedures.only("code", "updated_at").order_by("pk")
