from news.sitemaps import DatedSitemap

from .models import Album, Video


class AlbumSitemap(DatedSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        albums = Album.objects.published().filter(site=self.site)
        return albums.only("slug", "updated_at").order_by("pk")


class VideoSitemap(DatedSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        videos = Video.objects.published().filter(site=self.site)
        return videos.only("slug", "updated_at").order_by("pk")
