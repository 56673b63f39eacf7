"""RSS 2.0 feeds, read by a real feed reader (feedparser) as a subscriber's app would."""

import html
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from news.feeds import FEED_SIZE
from news.models import Article, SiteIdentity

from .factories import make_article, make_category

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def test_site_feed_carries_the_latest_articles_with_vietnamese_intact(client):
    category = make_category(name="Xây dựng Đảng")
    article = make_article(
        category=category,
        title="Sơ kết Nghị quyết số 35-NQ/TW “về bảo vệ nền tảng tư tưởng của Đảng”",
        lead="Ngày 15/6/2023, Huyện ủy Châu Thành tổ chức hội nghị <sơ kết> & đánh giá.",
        author_line="Phan Thưa - TT",
    )
    feed = parse(client, "/rss/")
    assert feed.feed.language == "vi"
    entry = feed.entries[0]
    assert entry.title == article.title
    # RSS descriptions are HTML: the plain-text lead is escaped, and reads back whole.
    assert html.unescape(entry.summary) == article.lead
    assert entry.link.endswith(article.get_absolute_url())
    assert [tag.term for tag in entry.tags] == ["Xây dựng Đảng"]
    assert entry.published_parsed is not None


def test_feeds_hold_only_what_the_public_may_see(client):
    category = make_category()
    public = make_article(category=category, title="Đã xuất bản")
    make_article(category=category, title="Bản nháp", status=Article.Status.DRAFT)
    make_article(
        category=category, title="Hẹn giờ", published_at=timezone.now() + timedelta(days=1)
    )
    for url in ("/rss/", f"/rss/{category.slug}/"):
        assert [e.title for e in parse(client, url).entries] == [public.title]


def test_category_feed_covers_the_category_and_its_subcategories_only(client):
    parent = make_category(name="Tin tức - Sự kiện")
    child = make_category(name="Tin huyện", parent=parent)
    other = make_category(name="Văn hóa")
    in_parent = make_article(category=parent)
    in_child = make_article(category=child)
    make_article(category=other)
    feed = parse(client, f"/rss/{parent.slug}/")
    assert "Tin tức - Sự kiện" in feed.feed.title
    assert {e.title for e in feed.entries} == {in_parent.title, in_child.title}


def test_feed_is_limited_to_the_latest_articles(client):
    category = make_category()
    articles = [make_article(category=category) for _ in range(FEED_SIZE + 2)]
    entries = parse(client, "/rss/").entries
    assert len(entries) == FEED_SIZE
    assert entries[0].title == articles[0].title  # newest first


def test_unknown_category_feed_is_a_404(client):
    assert client.get("/rss/khong-co/").status_code == 404


def test_pages_announce_their_feeds(client):
    category = make_category()
    make_article(category=category)
    home = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/rss/"' in home
    listing = client.get(category.get_absolute_url()).content.decode()
    assert f'href="/rss/{category.slug}/"' in listing


@pytest.mark.parametrize("n", [1, 5])
def test_feed_queries_do_not_grow_with_the_articles(
    client, django_assert_num_queries, content_version_read, n
):
    SiteIdentity.objects.current()
    category = make_category()
    for _ in range(n):
        make_article(category=category)
    content_version_read()
    # site identity; the articles with their category
    with django_assert_num_queries(2):
        client.get("/rss/")
    # site identity; the category; its articles
    with django_assert_num_queries(3):
        client.get(f"/rss/{category.slug}/")
