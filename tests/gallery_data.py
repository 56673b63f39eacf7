"""Test data of the gallery (gallery/): albums from the photo library, videos with a poster."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from gallery import services
from gallery.models import Album, AlbumPhoto, Video
from photos.models import Photo

from .factories import image_file

# A 6-second 160×90 VP8 WebM with its cues (seekable), made once with ffmpeg's test pattern:
#   ffmpeg -f lavfi -i testsrc=size=160x90:rate=10:duration=6 -c:v libvpx -b:v 60k -g 10 \
#          -auto-alt-ref 0 -cues_to_front 1 tiny.webm
TINY_WEBM = Path(__file__).parent / "data" / "tiny.webm"
SUBTITLES = (
    "WEBVTT\n\n00:00.000 --> 00:03.000\nXin chào bà con\n\n00:03.000 --> 00:06.000\nHội nghị\n"
)


def mp4_bytes(brand=b"isom"):
    """The first box of an MP4 (ftyp, major brand, version, compatible brands) and padding."""
    ftyp = b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x02\x00" + brand + b"mp41"
    return ftyp + b"\x00\x00\x00\x08free" + b"\x00" * 64


def video_upload(name="video.webm", data=None):
    return SimpleUploadedFile(name, TINY_WEBM.read_bytes() if data is None else data)


def subtitles_upload(text=SUBTITLES, name="phu-de.vtt", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding))


def make_library_photo(caption="Ảnh trong thư viện", alt="Quang cảnh hội nghị", site=None):
    fields = {"image": image_file(size=(120, 80)), "caption": caption, "alt": alt}
    return Photo.objects.create(**fields, **({"site": site} if site else {}))


def make_album(photos=2, published=False, site=None, **overrides):
    fields = {"title": "Hội nghị sơ kết 05 năm Nghị quyết 35", "description": "Một số hình ảnh."}
    fields.update(overrides)
    album = Album.objects.create(**fields, **({"site": site} if site else {}))
    for n in range(photos):
        picked = make_library_photo(caption=f"Chú thích ảnh {n + 1}", alt=f"Ảnh {n + 1}",
                                    site=album.site)  # fmt: skip
        row = AlbumPhoto(album=album, library_photo=picked, order=n)
        row.full_clean(exclude=["site"])  # as the admin does: caption and alt from the library
        row.save()
    if published:
        services.publish(Album.objects.filter(pk=album.pk))
        album.refresh_from_db()
    return album


def make_video(published=False, subtitles=True, site=None, **overrides):
    fields = {
        "title": "Phóng sự: xây dựng nông thôn mới", "description": "Video của Đài truyền thanh.",
        "file": video_upload(), "poster": image_file("poster.jpg", size=(160, 90)),
    }  # fmt: skip
    if subtitles:
        fields["subtitles"] = subtitles_upload()
    fields.update(overrides)
    video = Video.objects.create(**fields, **({"site": site} if site else {}))
    if published:
        services.publish(Video.objects.filter(pk=video.pk))
        video.refresh_from_db()
    return video
