"""sitemap.xml and robots.txt for search engines; the Sơ đồ trang for people."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.sitemaps import Sitemap

from disclosures.models import Disclosure
from news.models import Article
from pages.models import Page
from procedures.models import Procedure

from .factories import default_identity, make_article, make_category, make_document
from .gallery_data import make_album, make_video

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, url, tag="url"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [el.text for el in root.findall(f"sm:{tag}/sm:loc", NS)]


def test_sitemap_lists_public_articles_categories_documents_and_pages(client):
    category = make_category()
    public = make_article(category=category)
    draft = make_article(category=category, status=Article.Status.DRAFT)
    document = make_document()
    hidden = Page.objects.create(title="Trang ẩn", is_published=False)
    procedure = Procedure.objects.create(code="1.000001", name="Đăng ký khai sinh", field="Hộ tịch")
    Procedure.objects.create(code="1.000002", name="Đã bãi bỏ", field="Hộ tịch", is_active=False)
    urls = locations(client, "/sitemap.xml")
    expected = [
        "/", "/van-ban/", "/so-do-trang/", category.get_absolute_url(),
        "/lich-cong-tac/", "/lich-tiep-cong-dan/", "/thu-tuc-hanh-chinh/",
        procedure.get_absolute_url(),
        public.get_absolute_url(), document.get_absolute_url(),
        "/trang/ban-do-hanh-chinh/", "/trang/lien-he/", "/chinh-sach-bao-mat/",
        # The "Giới thiệu" section replaces the page /trang/gioi-thieu/ (issue 19).
        "/gioi-thieu/", "/gioi-thieu/co-cau-to-chuc/", "/gioi-thieu/lanh-dao/",
        "/gioi-thieu/lien-he/", "/tiep-can-thong-tin/", "/en/", "/en/organisation/",
        "/en/contacts/",
    ]  # fmt: skip
    assert sorted(urls) == sorted(f"http://testserver{path}" for path in expected)
    assert f"http://testserver{draft.get_absolute_url()}" not in urls
    assert f"http://testserver{hidden.get_absolute_url()}" not in urls


def test_sitemap_becomes_an_index_past_the_limit_of_one_file(client, monkeypatch):
    # The protocol's limit is 50,000 URLs a file; a limit of 3 shows the same switch.
    monkeypatch.setattr(Sitemap, "limit", 3)
    category = make_category()
    articles = [make_article(category=category) for _ in range(7)]
    parts = locations(client, "/sitemap.xml", tag="sitemap")
    assert "http://testserver/sitemap-tin-tuc.xml" in parts
    assert "http://testserver/sitemap-tin-tuc.xml?p=3" in parts
    listed = []
    for part in parts:
        found = locations(client, part.removeprefix("http://testserver"))
        assert len(found) <= 3
        listed += found
    for article in articles:
        assert f"http://testserver{article.get_absolute_url()}" in listed
    assert len(listed) == len(set(listed))  # every URL once


def test_sitemap_switches_on_the_total_not_on_each_section(client, monkeypatch):
    monkeypatch.setattr(Sitemap, "limit", 20)
    # 6 fixed pages, 3 required pages (Giới thiệu is a section now), the 8 pages of Giới thiệu
    # and /en/, 1 category, 1 article: 19 fit in one file.
    make_article()
    assert len(locations(client, "/sitemap.xml")) == 19
    make_document()
    make_document()  # 21 URLs, though every section holds fewer than 20
    assert locations(client, "/sitemap.xml", tag="sitemap")


@pytest.mark.parametrize(
    "url", ["/sitemap-khong-co.xml", "/sitemap-tin-tuc.xml?p=9", "/sitemap-tin-tuc.xml?p=x"]
)
def test_bad_sitemap_sections_and_pages_give_404(client, url):
    assert client.get(url).status_code == 404


def test_robots_txt_names_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_site_map_page_shows_the_site_as_an_outline(client):
    parent = make_category(name="Tin tức - Sự kiện")
    child = make_category(name="Tin huyện", parent=parent)
    hidden = make_category(name="Không hiện trên menu", show_in_menu=False)
    html = client.get("/so-do-trang/").content.decode()
    assert "<h1>Sơ đồ trang</h1>" in html
    for category in (parent, child, hidden):
        assert f'href="{category.get_absolute_url()}"' in html
        assert f'href="/rss/{category.slug}/"' in html
    for page in Page.objects.all():
        assert f'href="{page.get_absolute_url()}"' in html
    assert 'href="/van-ban/"' in html and 'href="/sitemap.xml"' in html
    # The footer of every page leads here.
    assert 'href="/so-do-trang/"' in client.get("/").content.decode()


@pytest.mark.parametrize("n", [1, 4])
def test_site_map_queries_do_not_grow(client, django_assert_num_queries, site_resolved, n):
    default_identity()
    for _ in range(n):
        make_category(parent=make_category())
    # base layout (6, the visitor statistics included); top-level categories; their children
    with django_assert_num_queries(6 + 2):
        assert client.get("/so-do-trang/").status_code == 200


@pytest.mark.parametrize("n", [1, 4])
def test_sitemap_queries_do_not_grow(
    client, django_assert_num_queries, monkeypatch, content_version_read, site_resolved, n
):
    for i in range(n):
        make_document()
        make_article()
        Procedure.objects.create(code=f"1.00000{i}", name=f"Thủ tục {i}", field="Hộ tịch")
        Disclosure.objects.create(type="dau-tu-cong", year=2020 + i)
        make_album(photos=0, published=True, title=f"Album {i}")
        make_video(published=True, subtitles=False, title=f"Video {i}")
    content_version_read()
    # the shared sites version; a COUNT per database section (categories, articles, documents,
    # pages, procedures, disclosures, albums, videos); then its rows
    with django_assert_num_queries(1 + 8 + 8):
        assert client.get("/sitemap.xml").status_code == 200
    monkeypatch.setattr(Sitemap, "limit", 2)
    # the sites version; the index: a COUNT and a MAX(date) per section (categories: no date)
    with django_assert_num_queries(1 + 8 + 7):
        assert client.get("/sitemap.xml").status_code == 200
    # the sites version; a page of one section: its COUNT, its rows
    with django_assert_num_queries(1 + 2):
        assert client.get("/sitemap-tin-tuc.xml?p=1").status_code == 200
