"""The editors' admin: every screen opens, in Vietnamese."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from news.models import Article

from .factories import default_identity, image_file, make_category


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "mat-khau-dai-123")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_screens_open(admin_client):
    call_command("loaddata", "nq35_report", verbosity=0)
    article = Article.objects.get()
    for url in [
        "/admin/", "/admin/news/article/", "/admin/news/article/add/",
        f"/admin/news/article/{article.pk}/change/", "/admin/news/category/",
        "/admin/documents/document/", "/admin/documents/document/add/",
    ]:  # fmt: skip
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert "Bài viết" in admin_client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_site_identity_is_a_singleton_in_the_admin(admin_client):
    response = admin_client.get("/admin/multisite/siteprofile/")
    identity = default_identity()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/multisite/siteprofile/{identity.pk}/change/")
    assert admin_client.get("/admin/multisite/siteprofile/add/").status_code == 403


@pytest.mark.django_db
def test_editor_writes_an_article_with_a_gallery_in_the_admin(admin_client, client):
    category = make_category(name="Tin tức - Sự kiện")
    response = admin_client.post(
        "/admin/news/article/add/",
        {
            "title": "Hội nghị của Đảng, đấu tranh phản bác",
            "slug": "",
            "category": category.pk,
            "lead": "Sapo.",
            "body": '<p>Nội dung <script>alert(1)</script><b onclick="x()">đậm</b></p>',
            "author_line": "Phan Thưa - TT",
            "_workflow": "publish",  # the approval button (editorial workflow)
            "published_at_0": "15/06/2023",
            "published_at_1": "08:00:00",
            "images-TOTAL_FORMS": "1",
            "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
            "images-0-photo": image_file(),
            "images-0-caption": "Quang cảnh hội nghị",
            "images-0-alt": "Quang cảnh hội nghị",
            "images-0-order": "1",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.slug == "hoi-nghi-cua-dang-dau-tranh-phan-bac"
    assert "<script" not in article.body and "onclick" not in article.body
    assert article.images.get().width == 40
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Quang cảnh hội nghị" in html


@pytest.mark.django_db
def test_a_non_image_upload_gets_a_vietnamese_form_error(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    category = make_category()
    response = admin_client.post(
        "/admin/news/article/add/",
        {
            "title": "Bài có tệp giả ảnh", "category": category.pk, "status": "draft",
            "cover": SimpleUploadedFile("anh.jpg", b"<svg onload=alert(1)>", "image/jpeg"),
            "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "Hãy tải lên một hình ảnh hợp lệ" in response.content.decode()
    assert not Article.objects.exists()
