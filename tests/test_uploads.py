"""Uploads: unguessable names, media served safely, and a full disk met with a clear message."""

import io
import random
import re
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import path
from PIL import Image

from news.models import Article, SiteIdentity
from operations.storage import InsufficientStorage, unguessable_name
from photos.models import Photo

from .conftest import require
from .factories import image_file, make_article, make_category, make_image


@pytest.mark.django_db
def test_uploads_are_stored_under_unguessable_names(media_root):
    # Photos are named by the photo pipeline (a uuid4: 122 random bits), which the storage keeps.
    first = make_image(make_article(), photo=image_file("Ảnh Hội nghị.JPG"))
    second = make_image(make_article(), photo=image_file("Ảnh Hội nghị.JPG"))
    folder, name = first.photo.name.rsplit("/", 1)
    assert folder.startswith("news/") and re.fullmatch(r"[0-9a-f]{32}\.jpg", name), name
    # Every other upload gets a readable stem and a 128-bit token from the storage.
    other = default_storage.generate_filename("van-ban/2026/Ảnh Hội nghị.PDF")
    stem = other.rsplit("/", 1)[1]
    assert stem.startswith("anh-hoi-nghi-") and stem.endswith(".pdf")
    assert len(stem.removeprefix("anh-hoi-nghi-").removesuffix(".pdf")) >= 22
    assert first.photo.name != second.photo.name
    assert (media_root / first.photo.name).is_file()


def test_unguessable_names_keep_folder_and_extension_and_survive_odd_names():
    assert unguessable_name("van-ban/2026/!!!.pdf").startswith("van-ban/2026/tep-")
    name = unguessable_name("van-ban/2026/Nghị quyết 35-NQ/TW.PDF")
    assert name.startswith("van-ban/2026/Nghị quyết 35-NQ/") and name.endswith(".pdf")


@pytest.mark.django_db
def test_fixture_photos_keep_the_names_the_fixture_gives(media_root):
    call_command("loaddata", "nq35_report", verbosity=0)
    assert (media_root / "news/2023/06/nq35-chu-tri-hoi-nghi.jpg").is_file()


@pytest.mark.django_db
def test_media_view_shows_images_and_makes_everything_else_a_download(client, media_root):
    image = make_image(make_article())
    response = client.get(image.photo.url)
    assert response.status_code == 200
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    default_storage.save("van-ban/trang.html", ContentFile(b"<script>alert(1)</script>"))
    response = client.get("/media/van-ban/trang.html")
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert client.get("/media/../chauthanh/settings.py").status_code == 404


@pytest.fixture
def full_disk(tmp_path, settings):
    """MEDIA_ROOT on a real 64 KB tmpfs: uploads meet a disk that cannot hold them."""
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    mounted = subprocess.run(  # noqa: S603, S607
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
        capture_output=True, check=False,
    ).returncode == 0  # fmt: skip
    require(mounted, "mounting a tmpfs (root)")
    settings.MEDIA_ROOT = mount_point
    settings.MEDIA_MIN_FREE_BYTES = 0
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)  # noqa: S603, S607


def large_image(name="ban-do.png"):
    buffer = io.BytesIO()
    noise = random.Random(9).randbytes(200 * 200 * 3)  # incompressible: a PNG over 64 KB
    Image.frombytes("RGB", (200, 200), noise).save(buffer, "PNG")
    assert len(buffer.getvalue()) > 64 * 1024
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_a_full_disk_gives_a_form_error_in_the_admin(full_disk):
    user = get_user_model().objects.create_superuser("qt", "qt@example.vn", "mat-khau-dai-123")
    client = Client()
    client.force_login(user)
    identity = SiteIdentity.objects.current()
    response = client.post(
        f"/admin/news/siteidentity/{identity.pk}/change/",
        {"site_name": "Trang thông tin điện tử", "map_image": large_image(), "map_alt": "Bản đồ"},
    )
    assert response.status_code == 200  # the form again, not a 500
    assert "Máy chủ không còn đủ dung lượng để lưu tệp này" in response.content.decode()
    assert list(full_disk.iterdir()) == []
    identity.refresh_from_db()
    assert not identity.map_image


@pytest.mark.django_db
def test_a_disk_that_fills_during_the_write_leaves_no_partial_file(full_disk):
    with pytest.raises(InsufficientStorage):
        default_storage.save("ban-do/ban-do.png", large_image())
    assert list((full_disk / "ban-do").iterdir()) == []


def disk_full_view(request):
    raise InsufficientStorage(28, "No space left on device")


urlpatterns = [path("luu/", disk_full_view)]
handler500 = "operations.views.server_error"


@pytest.mark.django_db
def test_a_write_that_fails_on_a_full_disk_gives_a_vietnamese_507(settings):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).post("/luu/")
    assert response.status_code == 507
    assert "Máy chủ đã hết dung lượng lưu trữ" in response.content.decode()


def noisy_photo(name="hoi-nghi.jpg", side=220):
    """A JPEG whose master fits in the 64 KB disk but whose renditions do not."""
    buffer = io.BytesIO()
    noise = random.Random(3).randbytes(side * side * 3)
    Image.frombytes("RGB", (side, side), noise).save(buffer, "JPEG", quality=60)
    assert len(buffer.getvalue()) < 48 * 1024
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_a_disk_that_fills_between_a_photo_and_its_renditions_keeps_no_file(full_disk):
    user = get_user_model().objects.create_superuser("qt", "qt@example.vn", "mat-khau-dai-123")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    category = make_category()
    response = client.post(
        "/admin/news/article/add/",
        {
            "title": "Hội nghị", "category": category.pk, "body": "<p>Nội dung.</p>",
            "cover": noisy_photo(), "cover_alt": "Quang cảnh",
            "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        },
    )  # fmt: skip
    assert response.status_code == 507
    assert "Máy chủ đã hết dung lượng lưu trữ" in response.content.decode()
    assert files_under(full_disk) == []
    assert not Article.objects.exists() and not Photo.objects.exists()


@pytest.mark.django_db
def test_a_full_disk_during_a_ckeditor_upload_is_told_and_keeps_no_file(full_disk):
    user = get_user_model().objects.create_superuser("qt", "qt@example.vn", "mat-khau-dai-123")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    response = client.post("/admin/anh/tai-anh-len/", {"upload": noisy_photo()})
    assert response.status_code == 200  # CKEditor shows the message of a 200 answer only
    assert response.json()["uploaded"] == 0
    assert "không còn đủ dung lượng" in response.json()["error"]["message"]
    assert files_under(full_disk) == []
    assert not Photo.objects.exists()
