"""What the public may see: published, its time has come, not expired; nothing else, anywhere."""

from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Article

from .factories import make_article, make_category, make_document

HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "pending": {"status": Article.Status.PENDING},
    "future": {"published_at": timezone.now() + timedelta(days=1)},
    "expired": {"expires_at": timezone.now() - timedelta(minutes=1)},
}


@pytest.fixture
def world():
    category = make_category(name="Thời sự")
    document = make_document(symbol="35-NQ/TW")
    visible = make_article(category=category, title="Bài công khai", is_featured=True)
    visible.documents.add(document)
    hidden = {}
    for name, overrides in HIDDEN.items():
        published_at = overrides.pop("published_at", timezone.now() - timedelta(days=2))
        if name == "expired":
            overrides["published_at"] = timezone.now() - timedelta(days=3)
        else:
            overrides["published_at"] = published_at
        article = make_article(
            category=category, title=f"Bài ẩn {name}", is_featured=True, **overrides
        )
        article.documents.add(document)
        hidden[name] = article
    return category, document, visible, hidden


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(HIDDEN))
def test_hidden_article_page_is_404(client, world, name):
    _, _, _, hidden = world
    assert client.get(hidden[name].get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_hidden_articles_are_absent_from_every_list(client, world):
    category, document, visible, hidden = world
    pages = ["/", category.get_absolute_url(), document.get_absolute_url(),
             visible.get_absolute_url()]  # fmt: skip
    for url in pages:
        html = client.get(url).content.decode()
        for article in hidden.values():
            assert article.title not in html, (url, article.title)
    assert visible.title in client.get(category.get_absolute_url()).content.decode()
    assert visible.title in client.get(document.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_published_queryset_is_the_single_rule(world):
    _, _, visible, _ = world
    assert list(Article.objects.published()) == [visible]


@pytest.mark.django_db
def test_scheduled_article_goes_live_by_itself(client):
    article = make_article(published_at=timezone.now() + timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_queryset_the_article_the_search_index_and_the_admin_filters_agree(client):
    """One rule (core.publication), read in four places, gives one answer at any moment."""
    from unittest import mock

    from django.contrib.auth import get_user_model

    from search.models import SearchEntry

    now = timezone.now()
    states = {
        "live": {},
        "live until tomorrow": {"expires_at": now + timedelta(days=1)},
        "draft": {"status": Article.Status.DRAFT},
        "pending": {"status": Article.Status.PENDING},
        "scheduled": {"published_at": now + timedelta(hours=2)},
        "expired": {
            "published_at": now - timedelta(days=3),
            "expires_at": now - timedelta(hours=1),
        },
    }
    category = make_category()
    for name, overrides in states.items():
        make_article(title=f"Bài {name}", category=category, **overrides)
    superuser = get_user_model().objects.create_superuser("qt", "qt@example.vn", "mat-khau-dai-123")

    def admin_filter(value):
        client.force_login(superuser)  # a session idle for hours has ended
        html = client.get("/admin/news/article/", {"xem": value}).content.decode()
        return {name for name in states if f"Bài {name}<" in html}

    for moment in (now, now + timedelta(hours=3), now + timedelta(days=2)):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            public = {a.title[4:] for a in Article.objects.all() if a.is_public}
            assert {a.title[4:] for a in Article.objects.published()} == public
            entries = SearchEntry.objects.visible().filter(kind="bai-viet")
            assert {e.title[4:] for e in entries} == public, moment
            approved = {a.title[4:] for a in Article.objects.filter(status="published")}
            assert admin_filter("hen-gio") | admin_filter("het-han") | public == approved
            assert not admin_filter("hen-gio") & public and not admin_filter("het-han") & public
    with mock.patch("django.utils.timezone.now", return_value=now):
        assert admin_filter("hen-gio") == {"scheduled"} and admin_filter("het-han") == {"expired"}
        assert {a.title[4:] for a in Article.objects.published()} == {"live", "live until tomorrow"}
