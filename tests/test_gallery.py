"""Thư viện ảnh, video (gallery/): what is refused, who uploads and publishes, what the public
sees, per site."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gallery import checks
from gallery.models import Album, AlbumPhoto, Status, Video

from .factories import PASSWORD, image_file, make_site, make_user
from .gallery_data import (
    TINY_WEBM,
    make_album,
    make_library_photo,
    make_video,
    mp4_bytes,
    subtitles_upload,
    video_upload,
)

pytestmark = pytest.mark.django_db


def test_video_kind_is_read_from_the_bytes_not_the_name():
    assert checks.video_kind(video_upload("bai-hat.mp4")) == "webm"  # a WebM named .mp4
    assert checks.video_kind(video_upload("x.webm", mp4_bytes())) == "mp4"
    assert checks.video_kind(video_upload("x.bin", mp4_bytes(b"mp42"))) == "mp4"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>" + b" " * 100,  # a page named .mp4
        b"MZ\x90\x00" + b"\x00" * 100,  # a Windows program
        b"%PDF-1.7\n" + b"\x00" * 100,
        mp4_bytes(b"qt  ")[:8] + b"qt  " + b"\x00" * 100,  # QuickTime .mov
        # Matroska (.mkv): the EBML header of a WebM, DocType "matroska"
        b"\x1a\x45\xdf\xa3\x93\x42\x82\x88matroska\x42\x87\x81\x04\x42\x85\x81\x02" + b"\0" * 60,
        b"\x00\x00\x00\x18ftyp",  # cut short
    ],
)
def test_a_file_named_mp4_that_is_not_a_video_is_refused_in_vietnamese(data):
    with pytest.raises(ValidationError) as error:
        checks.video_kind(video_upload("video.mp4", data))
    assert error.value.code == "not_video"
    assert "không phải là video MP4 hoặc WebM" in error.value.messages[0]


def test_a_video_over_the_size_limit_is_refused(settings):
    settings.VIDEO_MAX_UPLOAD_MB = 1
    big = mp4_bytes() + b"\x00" * (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        checks.video_kind(video_upload("lon.mp4", big))
    assert error.value.messages == ["Tệp video quá lớn: tối đa 1 MB."]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nChào\n".encode(), None),
        ("\ufeffWEBVTT - phụ đề\n".encode(), None),
        (b"1\n00:00:00,000 --> 00:00:01,000\nSRT\n", "not_vtt"),  # SubRip, not WebVTT
        (b"WEBVTTX\n", "not_vtt"),
        ("WEBVTT\n\nChào bà con\n".encode("utf-16"), "vtt_encoding"),
        ("WEBVTT\n\nChào bà con\n".encode("cp1258"), "vtt_encoding"),
    ],
)
def test_subtitles_must_be_webvtt_in_utf8(data, code):
    upload = SimpleUploadedFile("phu-de.vtt", data)
    if code is None:
        checks.check_subtitles(upload)
        return
    with pytest.raises(ValidationError) as error:
        checks.check_subtitles(upload)
    assert error.value.code == code


def test_a_stored_video_is_named_by_its_content_and_its_poster_goes_through_the_pipeline():
    video = make_video(file=video_upload("Phóng sự.mp4"))  # really a WebM
    assert video.kind == "webm" and video.content_type == "video/webm"
    assert video.file.name.startswith("videos/") and video.file.name.endswith(".webm")
    assert "Phóng" not in video.file.name
    assert video.size == TINY_WEBM.stat().st_size
    assert video.file.storage.open(video.file.name).read() == TINY_WEBM.read_bytes()
    assert video.subtitles.name.endswith(".vtt")
    assert video.poster.name.endswith(".jpg") and (video.poster_width, video.poster_height) == (
        160,
        90,
    )
    assert video.poster.storage.exists(video.poster.name.replace(".jpg", "_160.webp"))


def test_saving_from_the_shell_refuses_a_fake_video_and_leaves_no_file(media_root):
    with pytest.raises(ValidationError):
        make_video(file=video_upload("gia.mp4", b"not a video at all" * 10))
    assert not Video.objects.exists()
    stored = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    assert stored == []


def _admin_post(client, user, data, files, url="/admin/gallery/video/add/"):
    client.login(username=user.username, password=PASSWORD)
    return client.post(url, {**data, **files})


VIDEO_FORM = {
    "title": "Lễ ra quân nông thôn mới",
    "slug": "",
    "day": "2026-11-20",
    "description": "Video của xã.",
}


def test_an_editor_uploads_a_video_as_a_draft_in_the_admin(client):
    editor = make_user("bientap", "Biên tập viên")
    files = {
        "file": video_upload("le-ra-quan.webm"),
        "poster": image_file("poster.png", size=(64, 36), fmt="PNG"),
        "subtitles": subtitles_upload(),
    }
    response = _admin_post(client, editor, VIDEO_FORM, files)
    assert response.status_code == 302, response.content.decode()[:3000]
    video = Video.objects.get()
    assert video.created_by == editor and video.status == Status.DRAFT
    assert video.slug == "le-ra-quan-nong-thon-moi" and video.kind == "webm"
    # A draft is not public yet.
    assert client.get("/video/le-ra-quan-nong-thon-moi/").status_code == 404


def test_the_admin_refuses_a_file_named_mp4_that_is_not_a_video_with_a_form_error(client):
    editor = make_user("bientap", "Biên tập viên")
    files = {
        "file": video_upload("video.mp4", b"<!doctype html><script>alert(1)</script>" * 5),
        "poster": image_file("poster.jpg"),
    }
    response = _admin_post(client, editor, VIDEO_FORM, files)
    assert response.status_code == 200
    assert "không phải là video MP4 hoặc WebM" in response.content.decode()
    assert not Video.objects.exists()


def test_the_admin_refuses_subtitles_that_are_not_webvtt(client):
    editor = make_user("bientap", "Biên tập viên")
    files = {
        "file": video_upload(),
        "poster": image_file("poster.jpg"),
        "subtitles": SimpleUploadedFile("phu-de.srt", b"1\n00:00:00,000 --> 00:00:01,000\nA\n"),
    }
    response = _admin_post(client, editor, VIDEO_FORM, files)
    assert response.status_code == 200
    assert "Tệp phụ đề phải là WebVTT" in response.content.decode()
    assert not Video.objects.exists()


def test_only_approvers_publish_and_an_editor_edits_only_own_drafts(client):
    editor = make_user("bientap", "Biên tập viên")
    make_user("khac", "Biên tập viên")
    make_user("duyet", "Duyệt bài")
    video = make_video(created_by=editor)
    action = {"action": "publish_selected", "_selected_action": [video.pk]}
    client.login(username="bientap", password=PASSWORD)
    client.post("/admin/gallery/video/", action)
    video.refresh_from_db()
    assert video.status == Status.DRAFT  # the action is not offered to an editor
    assert client.get(f"/admin/gallery/video/{video.pk}/change/").status_code == 200
    client.login(username="khac", password=PASSWORD)
    assert client.post(f"/admin/gallery/video/{video.pk}/delete/").status_code == 403
    client.login(username="duyet", password=PASSWORD)
    client.post("/admin/gallery/video/", action)
    video.refresh_from_db()
    assert video.status == Status.PUBLISHED and video.published_at is not None
    client.login(username="bientap", password=PASSWORD)  # published: no longer the editor's
    assert client.post(f"/admin/gallery/video/{video.pk}/delete/").status_code == 403
    assert Video.objects.filter(pk=video.pk).exists()


def test_a_site_administrator_has_no_gallery_role(client):
    make_user("quantri", "Quản trị trang")
    client.login(username="quantri", password=PASSWORD)
    assert client.get("/admin/gallery/video/add/").status_code == 403


def test_video_page_plays_in_the_browsers_own_player_with_poster_and_subtitles(client):
    video = make_video(published=True)
    body = client.get(video.get_absolute_url()).content.decode()
    assert '<video class="video-player" controls preload="metadata" poster="/media/videos/' in body
    assert f'<source src="/media/{video.file.name}" type="video/webm">' in body
    track = f'label="Tiếng Việt" src="/media/{video.subtitles.name}" default>'
    assert f'<track kind="subtitles" srclang="vi" {track}' in body
    assert "youtube" not in body.lower() and "cdn" not in body.lower()


def test_public_lists_show_published_items_of_this_site_only(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    other_site = make_site("xa.example.vn", "xa")
    make_album(title="Album đã công bố", published=True)
    make_album(title="Album bản nháp")
    make_album(title="Album của xã khác", published=True, site=other_site)
    make_video(title="Video đã công bố", published=True)
    make_video(title="Video bản nháp")
    albums = client.get("/thu-vien-anh/").content.decode()
    assert "Album đã công bố" in albums and "2 ảnh" in albums
    assert "Album bản nháp" not in albums and "Album của xã khác" not in albums
    videos = client.get("/video/").content.decode()
    assert "Video đã công bố" in videos and "Video bản nháp" not in videos
    other = Album.objects.get(title="Album của xã khác")
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(other.get_absolute_url(), HTTP_HOST="xa.localhost").status_code == 200


def test_the_home_shows_the_sites_published_albums_and_videos_in_its_media_block(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    assert "media-block" not in client.get("/").content.decode()  # nothing published: no block
    other_site = make_site("xa.example.vn", "xa")
    make_album(title="Album đã công bố", published=True)
    make_album(title="Album bản nháp")
    make_album(title="Album của xã khác", published=True, site=other_site)
    make_video(title="Video đã công bố", published=True)
    make_video(title="Video bản nháp")
    home = client.get("/").content.decode()
    block = home.split('class="home-section home-block media-block"', 1)[1].split("</section>")[0]
    assert "Album đã công bố" in block and "Video đã công bố" in block and "2 ảnh" in block
    assert "bản nháp" not in block and "xã khác" not in block
    assert "Album của xã khác" in client.get("/", HTTP_HOST="xa.localhost").content.decode()


def test_a_published_album_appears_at_once_and_unpublishing_removes_it(client):
    album = make_album(title="Ngày hội Đại đoàn kết")
    assert "Ngày hội Đại đoàn kết" not in client.get("/thu-vien-anh/").content.decode()
    from gallery import services

    services.publish(Album.objects.filter(pk=album.pk))
    assert "Ngày hội Đại đoàn kết" in client.get("/thu-vien-anh/").content.decode()
    services.unpublish(Album.objects.filter(pk=album.pk))
    assert client.get(album.get_absolute_url()).status_code == 404


def test_album_page_lists_its_photos_in_order_with_captions_for_the_gallery_dialog(client):
    album = make_album(photos=3, published=True)
    body = client.get(album.get_absolute_url()).content.decode()
    assert body.count('class="gallery-item"') == 3
    assert (
        body.index("Chú thích ảnh 1")
        < body.index("Chú thích ảnh 2")
        < body.index("Chú thích ảnh 3")
    )
    assert "js/gallery" in body


def test_an_album_photo_from_another_sites_library_is_refused():
    other_site = make_site("xa.example.vn", "xa")
    album = make_album(photos=0)
    foreign = make_library_photo(site=other_site)
    row = AlbumPhoto(album=album, library_photo=foreign)
    with pytest.raises(ValidationError) as error:
        row.full_clean(exclude=["site"])
    assert "thư viện ảnh của trang này" in str(error.value)


@pytest.mark.parametrize("url", ["/thu-vien-anh/", "/video/"])
def test_list_queries_do_not_grow_with_the_number_of_items(client, url):
    def count():
        client.get(url)  # warm: site, versions
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_album(photos=2, published=True)
    make_video(published=True)
    few = count()
    for n in range(4):
        make_album(photos=3, published=True, title=f"Album {n}")
        make_video(published=True, title=f"Video {n}")
    assert count() == few


@pytest.mark.django_db(transaction=True)
def test_with_the_page_cache_on_publishing_shows_at_once_on_the_cached_pages(client, settings):
    """The lists are cached per site; publishing (committed) bumps the site's content version."""
    from pagecache import version

    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 60
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    version.forget()
    ua = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}
    album, video = make_album(title="Lễ hội Ok Om Bok"), make_video(title="Đua ghe Ngo")
    for url in ("/thu-vien-anh/", "/video/"):
        client.get(url, **ua)
        assert client.get(url, **ua).get("X-Page-Cache") == "hit"  # cached while unchanged
    from gallery import services

    services.publish(Album.objects.filter(pk=album.pk))
    services.publish(Video.objects.filter(pk=video.pk))
    assert "Lễ hội Ok Om Bok" in client.get("/thu-vien-anh/", **ua).content.decode()
    assert "Đua ghe Ngo" in client.get("/video/", **ua).content.decode()
    version.forget()


def test_published_albums_and_videos_are_in_the_sitemap_drafts_are_not(client):
    album, video = make_album(published=True), make_video(published=True)
    draft = make_album(title="Album nháp")
    xml = client.get("/sitemap.xml").content.decode()
    assert album.get_absolute_url() in xml and video.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml
