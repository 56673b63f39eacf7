"""Public pages: content, bad input, error pages."""

from datetime import date

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from .factories import make_article, make_category, make_document, make_image


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "2", "99999999999999999999", "1.5", ""])
def test_bad_page_numbers_give_404(client, page):
    category = make_category()
    make_article(category=category)
    for url in (category.get_absolute_url(), "/van-ban/"):
        response = client.get(url, {"page": page})
        assert response.status_code == (200 if page == "" else 404), (url, page)


@pytest.mark.django_db
def test_category_paginates(client):
    category = make_category()
    articles = [make_article(category=category) for _ in range(17)]
    first = client.get(category.get_absolute_url()).content.decode()
    second = client.get(category.get_absolute_url(), {"page": 2}).content.decode()
    assert articles[0].title in first and articles[16].title in second
    assert 'rel="next"' in first and "Trang 2 / 2" in second


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/tin-tuc/khong-co/", "/chuyen-muc/khong-co/", "/van-ban/khong-co/", "/khong-co/"]
)
def test_unknown_slugs_give_a_vietnamese_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and 'lang="vi"' in html


def test_server_error_page_is_vietnamese_and_needs_no_database():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Xin lỗi, trang đang gặp sự cố" in response.content.decode()


@pytest.mark.django_db
def test_article_page_shows_gallery_captions_documents_and_related(client):
    category = make_category(name="Xây dựng Đảng")
    document = make_document(symbol="35-NQ/TW", issued_on=date(2018, 10, 22))
    article = make_article(
        category=category, body="<p>một</p><p>hai</p><p>ba</p>", gallery_title="Hình ảnh",
        gallery_after=2, cover_caption="Ảnh bìa",
    )  # fmt: skip
    article.documents.add(document)
    make_image(article, caption="Đại biểu dự hội nghị")
    related = make_article(category=category, title="Tin liên quan")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("<p>hai</p>") < html.index("Hình ảnh") < html.index("<p>ba</p>")
    assert "<figcaption>Đại biểu dự hội nghị</figcaption>" in html
    assert "Nghị quyết số 35-NQ/TW ngày 22/10/2018" in html
    assert related.title in html
    assert 'class="breadcrumb"' in html and category.name in html


@pytest.mark.django_db
def test_document_page_offers_its_file_for_download(client, settings):
    from django.core.files.base import ContentFile

    document = make_document(symbol="03-HD/TU")
    document.file.save("huong-dan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    html = client.get(document.get_absolute_url()).content.decode()
    # The file is served by the library's own view (headers for a PDF), not the media URL.
    assert f'href="{document.get_file_url()}"' in html and "Xem văn bản (PDF" in html


@pytest.mark.django_db
def test_category_numbers_its_newest_pages_then_links_older_ones_by_keyset(client, monkeypatch):
    """Beyond the numbered pages, "Tin cũ hơn" pages walk every older article exactly once,
    in order, ties on the publication time included; a page number past them is a 404."""
    import re
    from datetime import timedelta

    from django.utils import timezone

    from news import views
    from news.models import Article

    monkeypatch.setattr(views, "ARTICLES_PER_PAGE", 3)
    monkeypatch.setattr(views, "NUMBERED_PAGES", 2)
    category = make_category()
    moment = timezone.now() - timedelta(days=1)
    for i in range(14):
        article = make_article(category=category, title=f"Tin số {i:02d}")
        Article.objects.filter(pk=article.pk).update(published_at=moment - timedelta(hours=i // 3))
    expected = list(
        Article.objects.filter(category=category)
        .order_by("-published_at", "-pk")
        .values_list("title", flat=True)
    )
    url = category.get_absolute_url()
    seen, html = [], ""
    for number in (1, 2):
        html = client.get(url, {"page": number}).content.decode()
        seen += re.findall(r"Tin số \d\d(?=</a></h3>)", html)
    assert "Trang 2 / hơn 2" in html
    assert client.get(url, {"page": 3}).status_code == 404
    while (older := re.search(r'href="\?truoc=([^"]+)" rel="next">Tin cũ hơn', html)) is not None:
        response = client.get(url, {"truoc": older[1]})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'content="noindex, follow"' in html and "‹ Tin mới nhất" in html
        seen += re.findall(r"Tin số \d\d(?=</a></h3>)", html)
    assert seen == expected


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["", "abc", "1-", "-1", "1.5-2", "9" * 18 + "-1", "1-2-3"])
def test_a_malformed_older_cursor_is_a_vietnamese_404(client, cursor):
    category = make_category()
    make_article(category=category)
    response = client.get(category.get_absolute_url(), {"truoc": cursor})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
