"""The search page as readers use it: /tim-kiem/?q=, calm with odd input, in every header."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import Article
from search.models import SearchEntry

from .factories import make_article, make_category, make_document


@pytest.fixture(autouse=True)
def without_seeded_pages(db):
    """These tests count articles and documents; the static pages every new site is seeded
    with (and indexed) would add to their counts, so they leave the index here."""
    SearchEntry.objects.filter(kind="trang").delete()


URL = "/tim-kiem/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    call_command("loaddata", "nq35_report", verbosity=0)
    return Article.objects.get()


def result_titles(response):
    html = response.content.decode()
    items = re.findall(r'<h3><a href="[^"]+">(.*?)</a></h3>', html)
    return [re.sub(r"</?mark>", "", t) for t in items]


def test_every_page_has_a_labelled_search_box_in_its_header(client, report):
    for url in ["/", report.get_absolute_url(), "/van-ban/", URL]:
        html = client.get(url).content.decode()
        header = html.split("<header", 1)[1].split("</header>", 1)[0]
        assert 'role="search"' in header
        assert 'action="/tim-kiem/"' in header
        assert '<label for="tim-kiem-dau-trang"' in header
        assert 'id="tim-kiem-dau-trang" type="search" name="q"' in header


def test_unaccented_query_finds_the_report_with_highlighted_words(client, report):
    response = client.get(URL, {"q": "nghi quyet 35"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tìm thấy 2 kết quả cho «nghi quyet 35»" in html
    assert result_titles(response) == [report.title, "Nghị quyết số 35-NQ/TW ngày 22/10/2018"]
    assert "<mark>Nghị</mark> <mark>quyết</mark>" in html
    assert f'href="{report.get_absolute_url()}"' in html


def test_filters_narrow_the_results(client, report):
    assert result_titles(client.get(URL, {"q": "35 nq tw", "loai": "van-ban"})) == [
        "Nghị quyết số 35-NQ/TW ngày 22/10/2018"
    ]
    response = client.get(URL, {"q": "35 nq tw", "chuyen-muc": "tin-tuc-su-kien", "nam": "2023"})
    assert result_titles(response) == [report.title]
    assert '<option value="tin-tuc-su-kien" selected>' in response.content.decode()
    assert result_titles(client.get(URL, {"q": "35 nq tw", "nam": "2019"})) == []


@pytest.mark.parametrize(
    "params",
    [
        {"q": "35", "loai": "khong-co"},
        {"q": "35", "nam": "２０２３"},
        {"q": "35", "nam": "-1"},
        {"q": "35", "chuyen-muc": "'; DROP TABLE news_article; --"},
        {"q": "35", "page": "x"},
        {"q": "35", "page": "99999"},
    ],
)
def test_odd_filters_and_pages_are_ignored_calmly(client, report, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert len(result_titles(response)) == 2


def test_empty_query_invites_the_reader_to_type(client, report):
    for params in [{}, {"q": ""}, {"q": "   "}]:
        response = client.get(URL, params)
        assert response.status_code == 200
        assert "Nhập từ khóa để tìm" in response.content.decode()
        assert result_titles(response) == []


def test_punctuation_only_query_gets_a_message(client, report):
    response = client.get(URL, {"q": "?!.,;-–/%_*"})
    assert response.status_code == 200
    assert "Từ khóa cần có ít nhất một chữ cái hoặc chữ số." in response.content.decode()


def test_overlong_query_is_cut_at_200_characters_with_a_message(client, report):
    text = "nghi quyet 35 " + "x" * 300
    response = client.get(URL, {"q": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Từ khóa dài hơn 200 ký tự nên chỉ 200 ký tự đầu được dùng để tìm." in html
    assert f'value="{text[:200]}"' in html
    assert "x" * 201 not in html


@pytest.mark.parametrize(
    "text",
    [
        '<script>alert("x")</script> nghi quyet',
        "' OR 1=1 --",
        "35\x00nq",
        "nghi & | ! ( ) : * quyet",
        "'nghi' & !'quyet'",
        "%' OR '1'='1",
        "\\x27 ; SELECT pg_sleep(5)",
    ],
)
def test_injection_looking_queries_are_plain_words_echoed_escaped(client, report, text):
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    if "<script>" in text:
        # Escaped as Jinja2 (markupsafe) escapes: '"' becomes &#34;, as valid as &quot;.
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_a_typo_offers_a_suggestion_link(client, report):
    html = client.get(URL, {"q": "nghi quyeet 35", "loai": "bai-viet"}).content.decode()
    assert "Không tìm thấy kết quả nào cho «nghi quyeet 35»" in html
    assert "Có phải bạn muốn tìm:" in html
    assert 'href="?q=nghi+quyet+35&amp;loai=bai-viet">nghi quyet 35</a>' in html


def test_pagination_keeps_the_query_and_filters(client):
    category = make_category()
    for n in range(20):
        make_article(title=f"Lúa gạo {n}", category=category)
    response = client.get(URL, {"q": "lua gao", "loai": "bai-viet"})
    html = response.content.decode()
    assert "Tìm thấy 20 kết quả" in html
    assert len(result_titles(response)) == 15
    assert 'href="?q=lua+gao&amp;loai=bai-viet&amp;page=2" rel="next"' in html
    assert len(result_titles(client.get(URL, {"q": "lua gao", "page": 2}))) == 5


def test_drafts_never_appear_on_the_page(client):
    make_article(title="Dự thảo kế hoạch", status=Article.Status.DRAFT)
    make_article(title="Dự thảo chờ duyệt", status=Article.Status.PENDING)
    response = client.get(URL, {"q": "du thao"})
    assert result_titles(response) == []
    assert "Có phải bạn muốn tìm" not in response.content.decode()


# Every public page runs the base layout's six queries (the sites version, menu categories,
# latest documents, footer pages, linked websites, visitor statistics). The search page
# adds: categories (filter list); the count of matches; the page's title matches (fewer than a
# page: their count, no query for it); the page's other matches (here the documents, whose
# titles are their symbols); the first year (year filter). On SQLite, first a look at the FTS
# index alone (are the matches many?), which decides how the others read it (Results).
@pytest.mark.parametrize("n", [1, 12])
def test_search_page_queries_do_not_grow_with_results(
    client, django_assert_num_queries, report, site_resolved, n
):
    category = make_category()
    for i in range(n):
        make_article(title=f"Cầu Mỹ Chánh {i}", category=category, published_at=timezone.now())
        make_document(title=f"Về cầu Mỹ Chánh {i}")
    from django.db import connection

    with django_assert_num_queries(6 + 5 + (connection.vendor == "sqlite")):
        response = client.get(URL, {"q": "my chanh"})
    assert len(result_titles(response)) == min(2 * n, 15)
