"""HTTP validators where DESIGN.md ("Content rules") puts them: feeds, sitemaps, robots.txt and
document files send ETag and Last-Modified and answer 304; public HTML pages send neither."""

import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from news.models import Article
from news.services import save_article
from pagecache import version
from pagecache.models import ContentVersion
from visitors.models import DailyStats

from .factories import make_article, make_category, make_document
from .public_pages import public_pages

# Transactional: the content version (whose time dates feeds and sitemaps) is bumped when a
# change commits, as on a live site.
pytestmark = pytest.mark.django_db(transaction=True)

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


def settle():
    """Make the last change a few seconds old: no Last-Modified is sent within the second of a
    change (HTTP dates have whole seconds), and these tests run within one."""
    ContentVersion.objects.update(changed_at=F("changed_at") - timedelta(seconds=3))
    version.forget()


@pytest.fixture
def category():
    category = make_category(name="Tin tức - Sự kiện", slug="tin-tuc-su-kien")
    make_article(category=category, title="Bài đã đăng từ trước")
    make_article(category=category, title="Bài cũ hơn nữa")
    settle()
    return category


def test_no_date_is_sent_within_the_second_of_a_change(client, category):
    first = client.get("/rss/")
    assert first["Last-Modified"]
    make_article(category=category, title="Bài vừa xuất bản")
    now = client.get("/rss/")
    assert "Last-Modified" not in now and now["ETag"] != first["ETag"]
    time.sleep(1.05)  # the second of the change has passed
    version.forget()
    later = client.get("/rss/")
    assert later["ETag"] == now["ETag"]
    assert parse_http_date(later["Last-Modified"]) > parse_http_date(first["Last-Modified"])


def revalidate(client, url, response):
    """What a feed reader or a crawler sends back: each validator on its own, then both."""
    etag, modified = response["ETag"], response["Last-Modified"]
    return [
        client.get(url, HTTP_IF_NONE_MATCH=etag),
        client.get(url, HTTP_IF_MODIFIED_SINCE=modified),
        client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_IF_MODIFIED_SINCE=modified),
    ]


def assert_not_modified(answers, etag):
    for answer in answers:
        assert answer.status_code == 304
        assert answer.content == b""
        assert answer["ETag"] == etag  # a 304 names the representation it confirms


def assert_new(answers):
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert all(answer.content for answer in answers)


URLS = {
    "feed": "/rss/",
    "category feed": "/rss/tin-tuc-su-kien/",
    "sitemap": "/sitemap.xml",
    "sitemap section": "/sitemap-tin-tuc.xml",
    "robots.txt": "/robots.txt",
}


@pytest.mark.parametrize("name", URLS)
def test_unchanged_answers_are_confirmed_with_304(client, category, name):
    url = URLS[name]
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and first["Last-Modified"].endswith(" GMT")
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert_not_modified(revalidate(client, url, first), first["ETag"])
    head = client.head(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert head.status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    # Another query string is the same body, not another entry to remember.
    assert client.get(url + "?utm_source=x")["Last-Modified"] == first["Last-Modified"]


@pytest.mark.parametrize("name", ["feed", "category feed", "sitemap", "sitemap section"])
def test_a_publish_changes_the_validators(client, category, name):
    url = URLS[name]
    before = client.get(url)
    make_article(category=category, title="Bài vừa xuất bản", slug="bai-vua-xuat-ban")
    after = client.get(url)
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "bai-vua-xuat-ban" in after.content.decode()
    # A copy of the old answer, whichever validator it is checked by, gets the new one.
    assert_new(revalidate(client, url, before))


@pytest.mark.parametrize("name", ["feed", "sitemap section"])
def test_an_unpublished_older_article_changes_them_too(client, category, name):
    """The newest date in a feed stays when an older article leaves it: a date taken from the
    articles would tell a reader holding the old feed "not modified"."""
    url = URLS[name]
    before = client.get(url)
    older = Article.objects.get(title="Bài cũ hơn nữa")
    older.status = Article.Status.DRAFT
    save_article(older)  # its write path (a bare save() changes the row alone)
    time.sleep(1.05)  # past the second of the change, so the answer carries a date
    after = client.get(url)
    assert older.slug not in after.content.decode() and after["ETag"] != before["ETag"]
    assert_new(revalidate(client, url, before))


def test_a_scheduled_article_changes_them_when_its_time_comes(client, category):
    scheduled = make_article(category=category, published_at=timezone.now() + timedelta(hours=1))
    settle()
    before = client.get("/rss/")
    # Its time came (a few seconds ago): no edit, the content version unchanged.
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(seconds=2)
    )
    version.forget()  # (the schedule is looked up again once its next change has passed)
    after = client.get("/rss/")
    assert scheduled.title in after.content.decode() and after["ETag"] != before["ETag"]
    assert_new(revalidate(client, "/rss/", before))


def test_a_document_file_is_confirmed_with_304_until_it_is_replaced(client):
    document = make_document(symbol="35-NQ/TW")
    document.file.save("nghi-quyet.pdf", ContentFile(b"%PDF-1.4\n1 0 obj\n%%EOF\n"))
    url = f"/van-ban/{document.slug}/tep/"
    first = client.get(url)
    assert first.status_code == 200 and b"".join(first.streaming_content).startswith(b"%PDF")
    assert_not_modified(revalidate(client, url, first), first["ETag"])
    document.file.save("nghi-quyet-sua.pdf", ContentFile(b"%PDF-1.4\n2 0 obj\n%%EOF\n"))
    replaced = client.get(url)
    assert replaced["ETag"] != first["ETag"]
    assert [a.status_code for a in revalidate(client, url, first)][0] == 200


@pytest.mark.parametrize("page_cache", [0, 60], ids=["rendered", "page cache"])
def test_public_html_pages_carry_no_validators_and_never_answer_304(client, settings, page_cache):
    settings.PAGE_CACHE_SECONDS = page_cache
    settings.VISITORS_CACHE_SECONDS = 0
    pages = public_pages()
    future = http_date((timezone.now() + timedelta(days=1)).timestamp())
    views = 0
    for name, url in pages.items():
        for _ in range(2):  # rendered, then (with the page cache) served from it
            response = client.get(
                url, HTTP_USER_AGENT=FIREFOX, HTTP_IF_NONE_MATCH="*", HTTP_IF_MODIFIED_SINCE=future
            )
            expected = 404 if name == "not found" else 200
            assert response.status_code == expected, (name, url)
            assert "ETag" not in response and "Last-Modified" not in response, (name, url)
            assert response["Content-Type"].startswith("text/html")
            views += expected == 200
    # Every page answered 200 was counted, conditional headers or not.
    from visitors.counter import current

    current().flush()
    assert DailyStats.objects.get().page_views == views
