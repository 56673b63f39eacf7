"""The page cache: anonymous public GETs served from memory, invalidated by public changes.

Transactional: the content version is bumped when a change commits, as on a live site.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.services import save_article
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


@pytest.mark.django_db(transaction=True)
def test_second_anonymous_view_is_served_from_the_cache(client):
    article = make_article(title="Hội nghị quán triệt Nghị quyết")
    first, uncached = get(client, article.get_absolute_url())
    second, cached = get(client, article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Only the shared sites version (which site the host names: multisite.resolver) and the
    # visitor numbers (VISITORS_CACHE_SECONDS=0 here) are read: two queries.
    assert cached == 2 and uncached > 6


@pytest.mark.django_db(transaction=True)
def test_editing_an_article_invalidates_its_cached_page(client):
    article = make_article(title="Tiêu đề cũ")
    get(client, article.get_absolute_url())
    article.title = "Tiêu đề mới"
    save_article(article)
    response, _ = get(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Tiêu đề mới" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_another_process_edit_is_seen_once_the_version_is_reread(client, settings):
    article = make_article()
    get(client, article.get_absolute_url())
    # Another server bumped the shared version; this process re-reads it after its interval.
    ContentVersion.objects.update(number=10_000)
    assert get(client, article.get_absolute_url())[0]["X-Page-Cache"] == "hit"
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    assert get(client, article.get_absolute_url())[0]["X-Page-Cache"] == "miss"


@pytest.mark.django_db(transaction=True)
def test_staff_bypass_the_cache(client):
    article = make_article()
    get(client, article.get_absolute_url())  # cached for the public
    client.force_login(make_user("bientap", role=None))
    response, _ = get(client, article.get_absolute_url())
    assert "X-Page-Cache" not in response


@pytest.mark.django_db(transaction=True)
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


@pytest.mark.django_db(transaction=True)
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


@pytest.mark.django_db(transaction=True)
def test_cached_pages_are_still_counted(client):
    article = make_article()
    for _ in range(3):
        get(client, article.get_absolute_url(), **UA)
    current().flush()
    article.refresh_from_db()
    assert article.view_count == 3


@pytest.mark.django_db(transaction=True)
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


@pytest.mark.django_db(transaction=True)
def test_related_articles_are_made_once_per_category_and_follow_edits(client, settings):
    """ "Tin cùng chuyên mục" is the same list for every article of a category: a reader going
    through its old news costs no query for it, and an edit shows at once."""
    from news.views import RELATED

    from .factories import make_category

    def related(response):
        return response.content.decode().partition("Tin cùng chuyên mục")[2]

    def newest_of_category_queries(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        limit = f"LIMIT {RELATED + 1}"
        return response, [q for q in queries.captured_queries if q["sql"].endswith(limit)]

    settings.FRAGMENT_CACHE_SECONDS = 60
    category = make_category(name="Chuyên mục liên quan")
    first, second, third = (make_article(category=category) for _ in range(3))
    response, asked = newest_of_category_queries(first.get_absolute_url())
    assert second.title in related(response) and first.title not in related(response)
    assert len(asked) == 1
    response, asked = newest_of_category_queries(second.get_absolute_url())
    assert asked == []  # the category's newest articles came from the fragment
    assert first.title in related(response) and second.title not in related(response)
    third.title = "Tiêu đề đã sửa"
    save_article(third)  # a new content version: the list is made again
    assert "Tiêu đề đã sửa" in related(get(client, first.get_absolute_url())[0])


@pytest.mark.django_db(transaction=True)
def test_only_what_the_public_can_see_invalidates_cached_pages(client):
    from django.test import Client

    from editorial import services as workflow
    from editorial.roles import APPROVER, EDITOR
    from news.models import Article

    from .factories import image_file, make_document

    editor, approver = make_user("bientap", EDITOR), make_user("truongban", APPROVER)
    staff = Client()  # staff have sessions: their pages are never cached, the public's are
    staff.force_login(make_user("quantri", "superuser"))
    live = make_article(title="Bài đang hiển thị")
    draft = make_article(title="Bản nháp", status="draft", published_at=None, created_by=editor)

    def cached_home():
        return get(client, "/")[0]["X-Page-Cache"] == "hit"

    get(client, "/")
    before = ContentVersion.objects.get().number
    # Nothing public changes: a draft saved again, the draft sent for approval, a photo
    # uploaded to the library (through CKEditor's upload).
    draft.title = "Bản nháp đã sửa"
    save_article(draft)
    workflow.submit(draft, editor)
    upload = staff.post("/admin/anh/tai-anh-len/", {"upload": image_file()})
    assert upload.json()["uploaded"] == 1, upload.json()
    assert ContentVersion.objects.get().number == before and cached_home()

    # Public changes: the pending article published, a live one edited, one unpublished,
    # a document of the library.
    changes = [
        lambda: workflow.publish(Article.objects.get(pk=draft.pk), approver),
        lambda: save_article(Article.objects.get(pk=live.pk)),
        lambda: workflow.unpublish(Article.objects.get(pk=live.pk), approver),
        lambda: make_document(symbol="7-NQ/HU"),
    ]
    for change in changes:
        number = ContentVersion.objects.get().number
        change()
        assert ContentVersion.objects.get().number == number + 1
        assert not cached_home() and cached_home()  # made again once, then served
    html = get(client, "/")[0].content.decode()
    assert "Bản nháp đã sửa" in html and "Bài đang hiển thị" not in html


# --- Issue 21: no cached page outlives the next scheduled publication or expiry ---------------


def soon(seconds=3):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(seconds=seconds)


def wait_until(moment):
    import time

    from django.utils import timezone

    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.2)


@pytest.mark.django_db(transaction=True)
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


@pytest.mark.django_db(transaction=True)
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


@pytest.mark.django_db(transaction=True)
def test_nothing_scheduled_costs_no_query_on_a_cache_hit(client):
    make_article()
    get(client, "/")
    _, queries = get(client, "/")
    # The sites version (multisite.resolver) and the visitor numbers only: the next change is
    # known per version.
    assert queries == 2
