"""Photos: validated, cleaned and given renditions when saved, wherever they come from."""

import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from PIL import Image

from multisite import default_site
from multisite.models import Membership
from news.models import Article, ArticleImage
from news.services import save_article
from photos import pipeline
from photos.models import Photo

from .factories import default_identity, image_file, make_article, make_category, make_image
from .hostile_files import HOSTILE, decompression_bomb, has_gps, photo_with_gps
from .public_pages import public_pages

UPLOAD_URL = "/admin/anh/tai-anh-len/"
HOSTILE_CASES = {
    **HOSTILE,
    "decompression bomb under Pillow's own limit (64 MP)": (
        lambda: decompression_bomb("bom-nho.png", side=8000),
        "50 megapixel",
    ),
}


def files_in(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def renditions_of(name, width):
    return pipeline.rendition_names(name, width)


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-dai-123")


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def post_article(client, upload=None, **extra):
    """The admin's "add article" form with one gallery photo (uploaded or from the library)."""
    category = make_category()
    data = {
        "title": "Hội nghị sơ kết", "slug": "", "category": category.pk, "lead": "Sapo.",
        "body": "<p>Nội dung.</p>", "_workflow": "publish",  # the approver's button
        "published_at_0": "15/06/2023", "published_at_1": "08:00:00",
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        "images-0-caption": "Quang cảnh hội nghị", "images-0-alt": "Đại biểu dự hội nghị",
        "images-0-order": "1",
    }  # fmt: skip
    if upload is not None:
        data["images-0-photo"] = upload
    data.update(extra)
    return client.post("/admin/news/article/add/", data)


def form_errors(response):
    context = response.context
    errors = [context["adminform"].form.errors]
    errors += [f.errors for formset in context["inline_admin_formsets"] for f in formset.formset]
    return json.dumps(errors, ensure_ascii=False)


# --- Hostile uploads, through the gallery and through CKEditor's upload ---------------------


@pytest.mark.django_db
@pytest.mark.parametrize("case", HOSTILE_CASES)
def test_hostile_gallery_upload_is_refused_with_a_vietnamese_error(admin_client, media_root, case):
    make, message = HOSTILE_CASES[case]
    response = post_article(admin_client, make())
    assert response.status_code == 200
    assert message in form_errors(response)
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert not media_root.exists() or files_in(media_root) == []


@pytest.mark.django_db
@pytest.mark.parametrize("case", HOSTILE_CASES)
def test_hostile_editor_upload_is_refused_with_a_vietnamese_error(admin_client, media_root, case):
    make, message = HOSTILE_CASES[case]
    response = admin_client.post(UPLOAD_URL, {"upload": make()})
    assert response.status_code == 200  # CKEditor shows error.message from a 200 answer only
    answer = response.json()
    assert answer["uploaded"] == 0 and message in answer["error"]["message"]
    assert not Photo.objects.exists()
    assert not media_root.exists() or files_in(media_root) == []


@pytest.mark.django_db
def test_oversized_file_is_refused_before_it_is_decoded(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("lon.jpg", b"\xff\xd8\xff\xe0" + b"\0" * (20 * 1024 * 1024 + 1))
    answer = admin_client.post(UPLOAD_URL, {"upload": big}).json()
    assert answer["uploaded"] == 0 and "tối đa 20 MB" in answer["error"]["message"]


@pytest.mark.django_db
def test_gps_is_removed_and_orientation_applied_in_the_gallery(admin_client, media_root):
    upload = photo_with_gps()
    assert has_gps(io.BytesIO(upload.read()))
    upload.seek(0)
    response = post_article(admin_client, upload)
    assert response.status_code == 302, form_errors(response)
    image = ArticleImage.objects.get()
    # Orientation 6 (the phone was turned): the stored photo stands upright, 900 x 1200.
    assert (image.width, image.height) == (900, 1200)
    for name in [image.photo.name, *renditions_of(image.photo.name, image.width)]:
        data = (media_root / name).read_bytes()
        assert not has_gps(io.BytesIO(data)), name
        assert b"Exif" not in data and b"Dien thoai" not in data, name
    with Image.open(media_root / image.photo.name) as stored:
        assert stored.getpixel((880, 10))[0] > 150  # the red mark is at the top right now


@pytest.mark.django_db
def test_gps_is_removed_from_an_editor_upload(admin_client, media_root):
    answer = admin_client.post(UPLOAD_URL, {"upload": photo_with_gps()}).json()
    assert answer["uploaded"] == 1
    photo = Photo.objects.get()
    assert answer["url"] == photo.rendition_url(pipeline.LARGE)
    assert (answer["width"], answer["height"]) == (900, 1200)
    for name in [photo.image.name, *renditions_of(photo.image.name, photo.width)]:
        assert not has_gps((media_root / name).open("rb")), name


@pytest.mark.django_db
def test_editor_upload_is_for_staff_only(client, editor):
    assert client.post(UPLOAD_URL, {"upload": image_file()}).status_code == 403
    reader = get_user_model().objects.create_user("docgia", password="mat-khau-dai-123")
    client.force_login(reader)
    assert client.post(UPLOAD_URL, {"upload": image_file()}).status_code == 403
    staff = get_user_model().objects.create_user("nhanvien", password="x", is_staff=True)
    client.force_login(staff)  # staff, but without the right to add photos
    assert client.post(UPLOAD_URL, {"upload": image_file()}).status_code == 403
    # A raw permission grants nothing: roles decide (editorial/roles.py).
    staff.user_permissions.add(Permission.objects.get(codename="add_photo"))
    client.force_login(staff)
    assert client.post(UPLOAD_URL, {"upload": image_file()}).status_code == 403
    Membership.objects.create(user=staff, site=default_site(), role="bien-tap-vien")
    client.force_login(staff)
    assert client.post(UPLOAD_URL, {"upload": image_file()}).json()["uploaded"] == 1
    assert client.get(UPLOAD_URL).status_code == 405
    assert Photo.objects.get().uploaded_by == staff


@pytest.mark.django_db
def test_editor_upload_needs_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(UPLOAD_URL, {"upload": image_file()}).status_code == 403
    client.get("/admin/news/article/add/")
    token = client.cookies["csrftoken"].value
    response = client.post(UPLOAD_URL, {"upload": image_file()}, headers={"X-CSRFToken": token})
    assert response.json()["uploaded"] == 1


# --- Renditions, names, and pages that never write ------------------------------------------


@pytest.mark.django_db
def test_saving_a_photo_stores_it_under_an_unguessable_name_with_its_renditions(media_root):
    article = make_article(cover=image_file("Ảnh hội nghị.jpg", size=(2000, 1000)))
    image = make_image(article, photo=image_file("chan-dung.png", size=(500, 700), fmt="PNG"))
    name = article.cover.name
    assert name.startswith("news/") and "hoi-nghi" not in name.lower()
    assert len(name.rpartition("/")[2]) == len("0123456789abcdef0123456789abcdef.jpg")
    assert files_in(media_root) == sorted(
        [name, *renditions_of(name, 2000), image.photo.name, *renditions_of(image.photo.name, 500)]
    )
    sizes = {Image.open(media_root / n).size for n in renditions_of(name, 2000)}
    assert sizes == {(320, 160), (800, 400), (1600, 800)}
    assert image.photo.name.endswith(".png")  # a graphic stays lossless
    assert Image.open(media_root / renditions_of(image.photo.name, 500)[-1]).format == "WEBP"


@pytest.mark.django_db
def test_no_page_view_creates_a_file(client, media_root):
    urls = public_pages()
    article = Article.objects.get(title__startswith="Huyện ủy")
    make_image(article, photo=image_file(size=(1700, 1000)))
    upload_client = Client()
    upload_client.force_login(
        get_user_model().objects.create_superuser("bt", "bt@example.vn", "mat-khau-dai-123")
    )
    url = upload_client.post(UPLOAD_URL, {"upload": image_file(size=(900, 600))}).json()["url"]
    Article.objects.filter(pk=article.pk).update(
        body=f'<p>Mở đầu.</p><figure class="image"><img alt="Ảnh" src="{url}" width="900" '
        'height="600"><figcaption>Chú thích</figcaption></figure>'
    )
    before = files_in(media_root)
    assert len(before) > 30  # the report's photos and the map, each with renditions
    for path in urls.values():
        client.get(path)
    html = client.get(article.get_absolute_url()).content.decode()
    referenced = set(re.findall(r'/media/([^" ,]+)', html))
    assert len(referenced) > 20  # cover, gallery, body photo, map: renditions in two formats
    for name in referenced:
        assert (media_root / name).is_file(), f"the page names {name}, which does not exist"
    assert files_in(media_root) == before


@pytest.mark.django_db
def test_article_page_prints_srcset_sizes_dimensions_and_lazy_loading(client, admin_client):
    post_article(admin_client, image_file(size=(1200, 800)))
    article = Article.objects.get()
    image = article.images.get()
    url = admin_client.post(UPLOAD_URL, {"upload": image_file(size=(2400, 1600))}).json()["url"]
    article.body = (
        f'<p>a</p><figure class="image"><img alt="Trong bài" height="1066" src="{url}" '
        'width="1600"><figcaption>Chú thích trong bài</figcaption></figure>'
    )
    save_article(article)
    html = client.get(article.get_absolute_url()).content.decode()
    stem = image.photo.url.rpartition(".")[0]
    assert f'srcset="{stem}_320.webp 320w, {stem}_800.webp 800w, {stem}_1200.webp 1200w"' in html
    assert f'<img src="{stem}_320.jpg" srcset="{stem}_320.jpg 320w' in html
    assert 'width="1200" height="800" alt="Đại biểu dự hội nghị" loading="lazy"' in html
    assert f'<a class="gallery-item" href="{stem}_1200.jpg">' in html
    body_stem = url.rpartition("_")[0]
    assert (
        f'srcset="{body_stem}_320.jpg 320w, {body_stem}_800.jpg 800w, {body_stem}_1600.jpg' in html
    )
    assert f'<source type="image/webp" srcset="{body_stem}_320.webp 320w' in html
    assert 'width="1600" loading="lazy" decoding="async"></picture>' in html
    assert "<figcaption>Chú thích trong bài</figcaption>" in html


def test_body_images_not_made_by_the_pipeline_are_left_alone():
    from django.utils.safestring import mark_safe

    from photos.templatetags.photos import responsive_images

    html = mark_safe(
        '<img src="https://example.com/a_800.jpg" alt="x"><img src="/media/a_800.jpg">'
    )
    assert responsive_images(html) == html
    unsafe = '<img src="/media/news/0123456789abcdef0123456789abcdef_800.jpg">'
    assert responsive_images(unsafe) == unsafe  # never trusted: not from the database


# --- The fixture -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_report_fixture_photos_get_renditions_and_loading_twice_writes_nothing(media_root):
    call_command("loaddata", "nq35_report", verbosity=0)
    article = Article.objects.get()
    identity = default_identity()
    stored = [(article.cover.name, 800), (identity.map_image.name, 600)]
    stored += [(image.photo.name, image.width) for image in article.images.all()]
    for name, width in stored:
        for rendition in renditions_of(name, width):
            assert (media_root / rendition).is_file(), rendition
    before = {name: (media_root / name).stat().st_mtime_ns for name in files_in(media_root)}
    call_command("loaddata", "nq35_report", verbosity=0)
    after = {name: (media_root / name).stat().st_mtime_ns for name in files_in(media_root)}
    assert after == before


@pytest.mark.django_db
def test_rendition_command_makes_missing_renditions(media_root):
    article = make_article(cover=image_file(size=(1000, 500)))
    missing = renditions_of(article.cover.name, 1000)[1:3]
    for name in missing:
        (media_root / name).unlink()
    out = io.StringIO()
    call_command("photo_renditions", "--dry-run", stdout=out)
    assert "2 rendition(s) missing" in out.getvalue()
    call_command("photo_renditions", stdout=out)
    assert all((media_root / name).is_file() for name in missing)


# --- The library ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_gallery_upload_joins_the_library(admin_client):
    post_article(admin_client, image_file(size=(640, 480)))
    image = ArticleImage.objects.get()
    photo = Photo.objects.get()
    assert image.library_photo == photo
    assert photo.image.name == image.photo.name and photo.alt == "Đại biểu dự hội nghị"
    response = admin_client.get("/admin/photos/photo/", {"q": "dự hội nghị"})
    assert response.status_code == 200
    assert pipeline.rendition_name(photo.image.name, 320) in response.content.decode()
    assert (
        admin_client.get("/admin/photos/photo/", {"q": "không có"}).context["cl"].result_count == 0
    )


@pytest.mark.django_db
def test_editor_reuses_a_library_photo_without_uploading_it_again(admin_client, media_root):
    photo = Photo.objects.create(
        image=image_file(size=(1000, 700)), alt="Toàn cảnh hội trường", caption="Hội trường"
    )
    files = files_in(media_root)
    response = post_article(
        admin_client, None, **{"images-0-library_photo": photo.pk, "images-0-alt": ""},
        cover_photo=photo.pk,
    )  # fmt: skip
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    image = article.images.get()
    assert image.photo.name == photo.image.name == article.cover.name
    assert (image.width, image.height, image.alt) == (1000, 700, "Toàn cảnh hội trường")
    assert article.cover_alt == "Toàn cảnh hội trường" and article.cover_width == 1000
    assert files_in(media_root) == files  # nothing stored twice
    assert Photo.objects.count() == 1


@pytest.mark.django_db
def test_gallery_row_needs_a_photo_and_its_alt_text(admin_client):
    response = post_article(admin_client, None, **{"images-0-caption": "Chỉ có chú thích"})
    assert "Hãy tải ảnh lên hoặc chọn một ảnh trong thư viện." in form_errors(response)
    response = post_article(admin_client, image_file(), **{"images-0-alt": ""})
    assert "Hãy nhập mô tả ảnh (alt)" in form_errors(response)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_screens_of_the_library_open(admin_client):
    Photo.objects.create(image=image_file(), alt="Ảnh")
    photo = Photo.objects.get()
    for url in ("/admin/photos/photo/", "/admin/photos/photo/add/",
                f"/admin/photos/photo/{photo.pk}/change/"):  # fmt: skip
        assert admin_client.get(url).status_code == 200, url
    response = admin_client.post(
        "/admin/photos/photo/add/", {"image": photo_with_gps(), "alt": "Ảnh từ điện thoại"}
    )
    assert response.status_code == 302
    assert Photo.objects.latest("id").uploaded_by.username == "bientap"


@pytest.mark.django_db
def test_body_photo_without_alt_text_gets_a_vietnamese_form_error(admin_client):
    response = post_article(
        admin_client, image_file(), body='<p>a</p><img src="/media/photos/x_800.jpg" alt=" ">'
    )
    assert response.status_code == 200
    assert "Có 1 ảnh trong nội dung chưa có mô tả (alt)" in form_errors(response)
    response = post_article(
        admin_client, image_file(), body='<p>a</p><img src="/media/photos/x_800.jpg" alt="Ảnh">'
    )
    assert response.status_code == 302


# --- Tall and wide photos (issue 21): WebP stops at 16,383 pixels a side ----------------------


def tall_image(name, size, fmt):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1d5fa8").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def files_with_a_row(media_root):
    """Every file in MEDIA_ROOT belongs to a row: a photo of the library, a gallery photo or a
    cover, or is one of their renditions."""
    names = set()
    for name, width in [
        *Photo.objects.values_list("image", "width"),
        *ArticleImage.objects.values_list("photo", "width"),
        *Article.objects.exclude(cover="").values_list("cover", "cover_width"),
    ]:
        names |= {name, *renditions_of(name, width)}
    return names


TALL = {
    "an infographic 1080 × 17000 (JPEG)": ("thong-tin.jpg", (1080, 17000), "JPEG"),
    "a line 1 × 20000 (PNG)": ("duong-ke.png", (1, 20000), "PNG"),
    "a panorama 20000 × 300 (JPEG)": ("toan-canh.jpg", (20000, 300), "JPEG"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", TALL)
def test_a_tall_photo_is_stored_with_every_rendition(admin_client, media_root, case):
    name, size, fmt = TALL[case]
    response = post_article(admin_client, tall_image(name, size, fmt))
    assert response.status_code == 302, form_errors(response)
    image = ArticleImage.objects.get()
    assert max(image.width, image.height) <= pipeline.MAX_SIDE
    # Its shape is kept (within a pixel), only scaled to fit.
    shape, original = image.width / image.height, size[0] / size[1]
    assert abs(shape / original - 1) < 0.01 or min(size) == 1
    for rendition in renditions_of(image.photo.name, image.width):
        assert Image.open(media_root / rendition).size[0] <= image.width
    assert set(files_in(media_root)) == files_with_a_row(media_root)


@pytest.mark.django_db
@pytest.mark.parametrize("case", TALL)
def test_a_tall_photo_uploads_through_ckeditor_and_as_a_cover(admin_client, media_root, case):
    name, size, fmt = TALL[case]
    response = admin_client.post(UPLOAD_URL, {"upload": tall_image(name, size, fmt)})
    assert response.status_code == 200 and response.json()["uploaded"] == 1, response.content
    response = post_article(
        admin_client, None, cover=tall_image(name, size, fmt), cover_alt="Ảnh",
        **{"images-TOTAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 302, form_errors(response)
    assert Article.objects.get().cover_height <= pipeline.MAX_SIDE
    assert set(files_in(media_root)) == files_with_a_row(media_root)
