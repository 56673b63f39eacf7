"""The home's "Ảnh và video" block (portal.blocks type "media"): the site's newest published
albums and videos, a few of each."""

from django.db.models import Prefetch

from pagecache import fragments

from .models import Album, AlbumPhoto, Video


def home_block(request, site, block, state):
    """Kept as a fragment of the site's content version, which a publication bumps."""
    count = block.count or 4
    values = fragments.cached(f"home-media-{count}", lambda: _newest(site, count), site)
    return values or None  # nothing published: the block is left out


def _newest(site, count):
    # Each card shows the chosen cover, else the album's first photo (as the album list does).
    photo_rows = Prefetch(
        "photos",
        queryset=AlbumPhoto.objects.only("album_id", "photo", "width", "height", "alt", "order"),
        to_attr="photo_rows",
    )
    albums = list(
        Album.objects.published().filter(site=site)
        .select_related("cover").prefetch_related(photo_rows)[:count]
    )  # fmt: skip
    videos = list(Video.objects.published().filter(site=site)[:count])
    return {"albums": albums, "videos": videos} if albums or videos else {}
