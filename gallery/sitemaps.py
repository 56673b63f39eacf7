from news.sitemaps import DatedSitemap

from .models import Album, Video


class GallerySitemap(DatedSitemap):
    """A site's published albums or videos (`model`)."""

    model = None
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        published = self.model.objects.published().filter(site=self.site)
        return published.only("slug", "updated_at").order_by("pk")


class AlbumSitemap(GallerySitemap):
    model = Album


class VideoSitemap(GallerySitemap):
    model = Video
