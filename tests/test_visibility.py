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
