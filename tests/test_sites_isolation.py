"""Isolation of sites on the public side: two communes with the same slugs and their province
(tests/sites_world.py). Every public URL kind, feed, sitemap and search of a site shows that
site only, except what DESIGN.md shares: a province's documents on its communes' sites, and its
communes' news on its home ("Tin từ các đơn vị")."""

import pytest

from documents.models import Document
from documents.services import save_document
from news.models import Article
from news.services import save_article

from .sites_world import DRAFT_SLUG, SHARED_SLUG, WORDS, World, build_world

pytestmark = pytest.mark.django_db

PATHS = [
    "/", "/chuyen-muc/tin-tuc-su-kien/", f"/tin-tuc/{SHARED_SLUG}/", "/van-ban/",
    "/van-ban/12-nq-du-01-03-2024/", "/gioi-thieu/", "/chinh-sach-bao-mat/", "/so-do-trang/",
    "/rss/", "/rss/tin-tuc-su-kien/", "/sitemap.xml", "/sitemap-tin-tuc.xml", "/robots.txt",
    "/tim-kiem/?q=hoi+nghi", "/tim-kiem/?q=nghi+quyet", "/tim-kiem/?q=tin+rieng",
]  # fmt: skip


@pytest.fixture
def world(settings):
    return build_world(settings)


def get(client, code, path, **headers):
    return client.get(path, headers={"host": World.host(code), **headers})


def other(code):
    return "song-loc" if code == "hoa-loi" else "hoa-loi"


@pytest.mark.parametrize("code", ["hoa-loi", "song-loc"])
def test_every_public_url_of_a_commune_shows_that_commune_only(client, world, code):
    for path in PATHS:
        response = get(client, code, path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert WORDS[other(code)] not in body, path  # the other commune
        assert "Tin riêng Vĩnh Long" not in body and "Hội nghị sơ kết tại Vĩnh Long" not in body


@pytest.mark.parametrize("code", ["hoa-loi", "song-loc"])
def test_the_same_slugs_open_each_sites_own_rows(client, world, code):
    word = WORDS[code]
    assert f"Hội nghị sơ kết tại {word}" in get(client, code, f"/tin-tuc/{SHARED_SLUG}/").text
    assert f"Giới thiệu {word}." in get(client, code, "/gioi-thieu/").text
    assert f"Đảng ủy {word}" in get(client, code, "/van-ban/12-nq-du-01-03-2024/").text
    listing = get(client, code, "/chuyen-muc/tin-tuc-su-kien/").text
    assert f"Tin riêng {word}" in listing
    assert f"Nông thôn mới {word}" in get(client, code, "/").text  # its menu


@pytest.mark.parametrize("code", ["hoa-loi", "song-loc"])
def test_another_sites_own_slugs_are_not_found_here(client, world, code):
    theirs = other(code)
    for path in (
        f"/tin-tuc/rieng-{theirs}/", f"/trang/trang-{theirs}/",
        f"/tin-tuc/{DRAFT_SLUG}/", f"/tin-tuc/rieng-{theirs}/xem-truoc/",
    ):  # fmt: skip
        assert get(client, code, path).status_code == 404, path
    province = ("/tin-tuc/rieng-tinh/", "/trang/trang-tinh/", "/van-ban/12-nq-du-01-03-2024/")
    assert get(client, code, province[0]).status_code == 404
    assert get(client, code, province[1]).status_code == 404


def test_feeds_sitemaps_and_robots_name_the_sites_own_urls_at_its_host(client, world):
    sitemap = get(client, "hoa-loi", "/sitemap.xml").text
    assert "http://hoa-loi.localhost/tin-tuc/rieng-hoa-loi/" in sitemap
    assert "rieng-song-loc" not in sitemap and "rieng-tinh" not in sitemap
    # The province's documents are listed on the province's sitemap, canonically.
    assert "35-nq-tw" not in sitemap
    assert "35-nq-tw-22-10-2018" in get(client, "tinh", "/sitemap.xml").text
    robots = get(client, "hoa-loi", "/robots.txt").text
    assert "Sitemap: http://hoa-loi.localhost/sitemap.xml" in robots
    feed = get(client, "hoa-loi", "/rss/").text
    assert "Tin riêng Hòa Lợi" in feed and "http://hoa-loi.localhost/tin-tuc/rieng-hoa-loi/" in feed
    assert get(client, "hoa-loi", "/rss/khong-co/").status_code == 404


def test_a_province_shares_its_documents_with_its_communes_only(client, world):
    shared = world.documents["shared"]
    for code in ("hoa-loi", "tinh"):
        assert "Bản tỉnh Vĩnh Long lưu" in get(client, code, "/van-ban/").text
        assert "Bản tỉnh Vĩnh Long lưu" in get(client, code, shared.get_absolute_url()).text
    # A commune with its own copy of the same document shows its own at the same address, and
    # lists it once.
    assert "Bản xã Song Lộc lưu" in get(client, "song-loc", shared.get_absolute_url()).text
    assert "Bản tỉnh Vĩnh Long lưu" not in get(client, "song-loc", "/van-ban/").text
    assert get(client, "song-loc", shared.get_file_url()).status_code == 404  # no file yet
    # The default site is no commune of this province: it sees none of it.
    assert "Bản tỉnh Vĩnh Long lưu" not in client.get("/van-ban/").text
    assert client.get(shared.get_absolute_url()).status_code == 404


def test_a_reference_resolves_to_the_sites_own_document_first_then_its_parents(client, world):
    hoa_loi, song_loc = world.articles["hoa-loi"], world.articles["song-loc"]
    assert list(hoa_loi.documents.all()) == [world.documents["shared"]]
    assert list(song_loc.documents.all()) == [world.documents["own-35"]]
    assert list(world.articles["tinh"].documents.all()) == [world.documents["shared"]]
    # On the page, the reference links to the address of that document on the site's host.
    html = get(client, "hoa-loi", hoa_loi.get_absolute_url()).text
    assert f'href="{world.documents["shared"].get_absolute_url()}"' in html
    # A document the province adds later links its communes' articles that cite it.
    article = save_article(Article(
        site=world.sites["hoa-loi"], category=world.categories["hoa-loi"], title="Bài mới",
        body="<p>Theo Kết luận số 53-KL/TW của Ban Bí thư.</p>", status="published",
    ))  # fmt: skip
    assert not article.documents.exists()
    later = save_document(Document(
        site=world.sites["tinh"], symbol="53-KL/TW", doc_type="ket-luan", issuing_body="Ban Bí thư"
    ))  # fmt: skip
    assert list(article.documents.all()) == [later]
    # ... but not another province's communes' (nor the default site's) articles.
    save_document(Document(symbol="53-KL/TW", doc_type="ket-luan", issuing_body="Ban Bí thư"))
    assert list(article.documents.all()) == [later]
    # ... and its body, rendered again, links the reference to it.
    body = Article.objects.get(pk=article.pk).body_html
    assert f'href="{later.get_absolute_url()}"' in body


def test_search_finds_the_sites_own_content_and_its_parents_documents(client, world):
    page = get(client, "hoa-loi", "/tim-kiem/?q=nghi+quyet+35").text
    assert "Tìm thấy 2 kết quả" in page
    assert f'href="/tin-tuc/{SHARED_SLUG}/">Hội <mark>nghị</mark> sơ kết tại Hòa Lợi' in page
    assert f'href="{world.documents["shared"].get_absolute_url()}"' in page
    assert "Không tìm thấy kết quả" in get(client, "hoa-loi", "/tim-kiem/?q=song+loc").text
    assert "Không tìm thấy kết quả" in get(client, "tinh", "/tim-kiem/?q=song+loc").text
    assert "Không tìm thấy kết quả" in client.get("/tim-kiem/?q=song+loc").text  # the default
    # Song Lộc's own copy is found there, and the province's is not found twice.
    assert "Tìm thấy 2 kết quả" in get(client, "song-loc", "/tim-kiem/?q=nghi+quyet+35").text
    # Suggestions never lead to another site's words.
    assert "Có phải bạn muốn tìm" not in get(client, "hoa-loi", "/tim-kiem/?q=song+lok").text


def test_a_provinces_home_gathers_its_communes_published_news(client, world):
    home = get(client, "tinh", "/").text
    assert "Tin từ các đơn vị" in home
    for code in ("hoa-loi", "song-loc"):
        assert f'href="http://{code}.localhost/tin-tuc/rieng-{code}/"' in home
        assert f"Dự thảo kế hoạch {WORDS[code]}" not in home  # drafts stay home
    commune = get(client, "hoa-loi", "/").text
    assert "Tin từ các đơn vị" not in commune and "Song Lộc" not in commune
    assert "Tin từ các đơn vị" not in client.get("/").text  # the default site: no children
