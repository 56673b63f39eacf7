"""Public pages of the gallery: the albums, an album, the videos, a video (published only)."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from multisite.current import site_of

from .models import Album, AlbumPhoto, Video

PER_PAGE = 12


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("trang"))


def album_list(request):
    # Each card shows the chosen cover, else the album's first photo: one prefetch for both.
    first_photos = Prefetch(
        "photos",
        queryset=AlbumPhoto.objects.only("album_id", "photo", "width", "height", "alt", "order"),
        to_attr="photo_rows",
    )
    albums = (
        Album.objects.published().filter(site=site_of(request))
        .select_related("cover").prefetch_related(first_photos)
    )  # fmt: skip
    return render(request, "gallery/album_list.html", {
        "page": _page(request, albums), "menu_current": "@thu-vien-anh",
    })  # fmt: skip


def album_detail(request, slug):
    album = get_object_or_404(Album.objects.published().filter(site=site_of(request)), slug=slug)
    return render(request, "gallery/album_detail.html", {
        "album": album, "photos": album.photos.all(), "menu_current": "@thu-vien-anh",
    })  # fmt: skip


def video_list(request):
    videos = Video.objects.published().filter(site=site_of(request))
    return render(request, "gallery/video_list.html", {
        "page": _page(request, videos), "menu_current": "@video",
    })  # fmt: skip


def video_detail(request, slug):
    video = get_object_or_404(Video.objects.published().filter(site=site_of(request)), slug=slug)
    return render(request, "gallery/video_detail.html", {
        "video": video, "menu_current": "@video",
    })  # fmt: skip
