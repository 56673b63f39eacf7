"""The page cache: anonymous public GETs served from memory, invalidated by any content edit."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import multisite
from pagecache import version
from pagecache.models import ContentVersion
from visitors.counter import current
from visitors.models import DailyStats

from .factories import make_article, make_user

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The cache on, the version re-read only when this process changed content."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_VERSION_SECONDS = 3600
    settings.VISITORS_CACHE_SECONDS = 0
    version.forget()
    call_command("loaddata", "nq35_report", verbosity=0)
    yield
    version.forget()


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.django_db
def test_second_anonymous_view_is_served_from_the_cache(client):
    article = make_article(title="Hội nghị quán triệt Nghị quyết")
    first, uncached = get(client, article.get_absolute_url())
    second, cached = get(client, article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Only the shared sites version (which site the host names: multisite.resolver) and the
    # visitor numbers (VISITORS_CACHE_SECONDS=0 here) are read: two queries.
    assert cached == 2 and uncached > 6


@pytest.mark.django_db
def test_editing_an_article_invalidates_its_cached_page(client):
    article = make_article(title="Tiêu đề cũ")
    get(client, article.get_absolute_url())
    article.title = "Tiêu đề mới"
    article.save()
    response, _ = get(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Tiêu đề mới" in response.content.decode()


@pytest.mark.django_db
def test_another_process_edit_is_seen_once_the_version_is_reread(client, settings):
    article = make_article()
    get(client, article.get_absolute_url())
    # Another server bumped the shared version; this process re-reads it after its interval.
    ContentVersion.objects.update(number=10_000)
    assert get(client, article.get_absolute_url())[0]["X-Page-Cache"] == "hit"
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    assert get(client, article.get_absolute_url())[0]["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_staff_bypass_the_cache(client):
    article = make_article()
    get(client, article.get_absolute_url())  # cached for the public
    client.force_login(make_user("bientap", role=None))
    response, _ = get(client, article.get_absolute_url())
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_previews_are_never_stored(client):
    draft = make_article(status="draft", published_at=None, title="Bản nháp chưa duyệt")
    client.force_login(make_user("duyet", role="superuser"))
    preview, _ = get(client, f"/tin-tuc/{draft.slug}/xem-truoc/")
    assert "X-Page-Cache" not in preview and "Bản nháp chưa duyệt" in preview.content.decode()
    client.logout()
    # The public get the preview's 404 (not a cached copy of what staff saw, not an error).
    anonymous = client.get(f"/tin-tuc/{draft.slug}/xem-truoc/")
    assert anonymous.status_code == 404 and "Bản nháp chưa duyệt" not in anonymous.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_visitor_numbers_in_a_cached_page_stay_fresh(client):
    article = make_article()
    first = get(client, article.get_absolute_url(), **UA)[0]
    assert int(first["Content-Length"]) == len(first.content)
    before = get(client, article.get_absolute_url(), **UA)[0]
    assert before["X-Page-Cache"] == "hit"
    DailyStats.objects.all().update(visits=5_000)
    after = get(client, article.get_absolute_url(), **UA)[0]
    assert after["X-Page-Cache"] == "hit"
    assert "5.000" in after.content.decode() and "5.000" not in before.content.decode()
    assert "<!--visitors:" not in after.content.decode()
    assert int(after["Content-Length"]) == len(after.content)


@pytest.mark.django_db
def test_cached_pages_are_still_counted(client):
    article = make_article()
    for _ in range(3):
        get(client, article.get_absolute_url(), **UA)
    current().flush()
    article.refresh_from_db()
    assert article.view_count == 3


@pytest.mark.django_db
def test_layout_fragments_are_made_once_per_content_version(client, settings):
    """A page the page cache misses renders only its own part: the identity, menu, sidebar
    documents, links and footer pages come from the fragments of the current version."""
    from documents.models import Document

    from .factories import make_category, make_document

    settings.FRAGMENT_CACHE_SECONDS = 60
    category = make_category(name="Chuyên mục thử", show_in_menu=True)
    make_article(category=category)
    _, cold = get(client, "/")
    home = client.get("/?x=1").content.decode()  # another URL: a page-cache miss
    client.get(category.get_absolute_url() + "?w=1")  # the menu marking this category
    _, warm = get(client, category.get_absolute_url())
    settings.FRAGMENT_CACHE_SECONDS = 0
    _, unfragmented = get(client, category.get_absolute_url() + "?y=1")
    # Menu, latest documents, links, footer pages: four queries saved per miss (the identity
    # comes with request.site, from the sites resolver: no query either way).
    assert unfragmented - warm == 4 and cold > warm
    settings.FRAGMENT_CACHE_SECONDS = 60
    html = client.get(category.get_absolute_url() + "?z=1").content.decode()
    # The menu's fragment varies with the current page: each marks its own entry.
    assert 'href="/" aria-current="page"' in home
    assert f'href="{category.get_absolute_url()}" aria-current="page"' in html
    assert 'href="/" aria-current="page"' not in html
    # An edit shows at once: a new document bumps the version, the sidebar is made again.
    make_document(symbol="99-NQ/HU", title="Văn bản mới nhất của huyện")
    assert Document.objects.filter(symbol="99-NQ/HU").exists()
    assert "99-NQ/HU" in client.get("/?after-edit=1").content.decode()


@pytest.mark.django_db
def test_article_cards_are_reused_until_their_article_is_saved(client, settings):
    from django.core.cache import cache
    from django.core.cache.utils import make_template_fragment_key

    from news.models import Article

    from .factories import make_category

    settings.FRAGMENT_CACHE_SECONDS = 60
    category = make_category(name="Chuyên mục thẻ")
    kept, edited = make_article(category=category), make_article(category=category)
    client.get(category.get_absolute_url())

    site = str(multisite.default_site().pk)  # cards are kept per site

    def card_key(article):
        article = Article.objects.get(pk=article.pk)
        return make_template_fragment_key(
            "card", [site, article.pk, article.updated_at.timestamp(), True]
        )

    assert cache.get(card_key(kept)) is not None and cache.get(card_key(edited)) is not None
    kept_card = cache.get(card_key(kept))
    edited.title = "Tiêu đề đã sửa"
    edited.save()  # a new updated_at: a new card; and a new content version: a new page
    html = client.get(category.get_absolute_url()).content.decode()
    assert "Tiêu đề đã sửa" in html and kept_card in html
    assert cache.get(card_key(kept)) == kept_card


# --- Issue 21: no cached page outlives the next scheduled publication or expiry ---------------


def soon(seconds=3):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(seconds=seconds)


def wait_until(moment):
    import time

    from django.utils import timezone

    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.2)


@pytest.mark.django_db
def test_an_expired_article_leaves_the_cached_pages_when_it_expires(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 60
    article = make_article(title="Thông báo hết hạn sớm", expires_at=soon())
    link = f'href="{article.get_absolute_url()}"'
    for url in (article.get_absolute_url(), "/", "/tim-kiem/?q=thong+bao+het+han"):
        get(client, url)
        response, _ = get(client, url)
        shown = "Thông báo hết hạn sớm" if url == article.get_absolute_url() else link
        assert response["X-Page-Cache"] == "hit" and shown in response.text, url
    wait_until(article.expires_at)
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in ("/", "/tim-kiem/?q=thong+bao+het+han"):
        assert link not in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_a_scheduled_article_appears_in_cached_pages_when_its_time_comes(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 60
    article = make_article(title="Bài hẹn giờ đăng", published_at=soon())
    link = f'href="{article.get_absolute_url()}"'
    for url in ("/", "/tim-kiem/?q=bai+hen+gio"):
        get(client, url)
        response, _ = get(client, url)
        assert response["X-Page-Cache"] == "hit" and link not in response.text, url
    wait_until(article.published_at)
    for url in ("/", "/tim-kiem/?q=bai+hen+gio"):
        assert link in client.get(url).content.decode(), url
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_nothing_scheduled_costs_no_query_on_a_cache_hit(client):
    make_article()
    get(client, "/")
    _, queries = get(client, "/")
    # The sites version (multisite.resolver) and the visitor numbers only: the next change is
    # known per version.
    assert queries == 2
