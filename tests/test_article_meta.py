"""What an article tells link previews, search engines and readers' tools about itself."""

import base64
import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

import pytest

from multisite.models import SiteProfile

from .factories import default_identity, image_file, make_article, make_category, make_image

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """Collects <meta>, <link rel=canonical> and the JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.canonical, self.json_ld, self._in_ld = {}, [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = Head()
    parser.feed(response.content.decode())
    return parser, response.content.decode()


@pytest.fixture
def article():
    SiteProfile.objects.filter(pk=default_identity().pk).update(
        site_name="Trang thông tin điện tử huyện Châu Thành", managing_unit="Huyện ủy Châu Thành"
    )
    article = make_article(
        category=make_category(name="Xây dựng Đảng"),
        title="Hội nghị sơ kết Nghị quyết 35-NQ/TW",
        lead="Ngày 15/6/2023, Huyện ủy Châu Thành tổ chức hội nghị.",
        cover=image_file("bia.jpg", size=(120, 80)),
        cover_alt="Đại biểu dự hội nghị",
        author_line="Phan Thưa - TT",
    )
    make_image(article)
    return article


def test_article_has_open_graph_twitter_and_description_meta(client, article):
    head, _ = head_of(client, article.get_absolute_url())
    url = f"http://testserver{article.get_absolute_url()}"
    assert head.meta["description"] == article.lead
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == head.meta["twitter:title"] == article.title
    assert head.meta["og:description"] == head.meta["twitter:description"] == article.lead
    assert head.meta["og:url"] == url
    assert head.meta["og:image"] == f"http://testserver{article.cover.url}"
    assert head.meta["og:image:width"] == "120"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["og:locale"] == "vi_VN"
    assert head.canonical == [url]


def test_article_without_cover_gets_a_small_card(client):
    article = make_article()
    head, _ = head_of(client, article.get_absolute_url())
    assert head.meta["twitter:card"] == "summary"
    assert "og:image" not in head.meta


def test_article_carries_schema_org_news_article_data(client, article):
    head, _ = head_of(client, article.get_absolute_url())
    [block] = head.json_ld
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["mainEntityOfPage"]["@id"] == f"http://testserver{article.get_absolute_url()}"
    assert data["author"] == {"@type": "Person", "name": "Phan Thưa - TT"}
    assert data["publisher"]["name"] == "Huyện ủy Châu Thành"
    assert data["datePublished"].startswith(article.published_at.isoformat()[:19])
    assert data["image"][0] == f"http://testserver{article.cover.url}"
    assert len(data["image"]) == 2  # the cover and the gallery photo


def test_json_ld_cannot_be_broken_out_of_by_the_text_it_carries(client):
    title = 'Tiêu đề </script><script>alert("x")</script> <!-- & "trích dẫn"'
    article = make_article(title=title, lead="</SCRIPT><img src=x onerror=alert(1)>")
    head, html = head_of(client, article.get_absolute_url())
    [block] = head.json_ld
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert data["headline"] == title and data["description"] == article.lead
    assert "<script>alert" not in html and "<img src=x" not in html


def test_every_page_has_one_canonical_url_without_query_noise(client):
    category = make_category()
    for _ in range(16):
        make_article(category=category)
    head, _ = head_of(client, "/?utm_source=zalo")
    assert head.canonical == ["http://testserver/"]
    head, _ = head_of(client, category.get_absolute_url() + "?page=2&utm_source=x")
    assert head.canonical == [f"http://testserver{category.get_absolute_url()}?page=2"]
    html = client.get("/khong-co/").content.decode()
    assert 'rel="canonical"' not in html  # a 404 is nobody's canonical page


def test_share_links_need_no_third_party_script(client, article):
    _, html = head_of(client, article.get_absolute_url())
    url = f"http://testserver{article.get_absolute_url()}"
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    # Ours only, nothing from another host (the gallery's script comes with a gallery; the
    # rating's, "Thông tin này có hữu ích không?", with every article).
    assert scripts[0] == "/static/js/reading.js"
    assert set(scripts[1:]) <= {
        "/static/js/gallery.js",
        "/static/js/rating.js",
        "/static/js/menu.js",
    }
    links = re.findall(r'<a href="(https://[^"]+)" target="_blank" rel="noopener', html)
    facebook = next(link for link in links if "facebook.com" in link)
    assert parse_qs(urlparse(facebook.replace("&amp;", "&")).query)["u"] == [url]
    zalo = next(link for link in links if "zalo.me" in link)
    payload = parse_qs(urlparse(zalo.replace("&amp;", "&")).query)["d"][0]
    assert json.loads(base64.b64decode(payload)) == {"url": url}
    assert f'data-copy-url="{url}"' in html
    assert f"Nguồn: {url}" in html  # printed under the article


def test_article_page_offers_text_size_print_and_related_articles(client, article):
    related = make_article(category=article.category, title="Tin cùng chuyên mục")
    _, html = head_of(client, article.get_absolute_url())
    for step in ("-1", "0", "+1"):
        assert f'data-text-step="{step}"' in html
    assert "In bài viết" in html
    assert f'href="{related.get_absolute_url()}"' in html
