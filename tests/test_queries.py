"""Pages cost a constant number of queries, however many rows they show."""

import pytest
from django.core.management import call_command

from documents.models import Document
from news.models import Article

from .factories import make_article, make_category, make_document, make_image


def fill(n):
    """n categories with n articles each; every article with n photos and n documents."""
    documents = [make_document() for _ in range(n)]
    for _ in range(n):
        category = make_category()
        for _ in range(n):
            article = make_article(category=category)
            article.documents.add(*documents)
            for _ in range(n):
                make_image(article)


@pytest.fixture(autouse=True)
def identity():
    call_command("loaddata", "nq35_report", verbosity=0)


# Every public page also runs the base layout's six queries: site identity, menu categories,
# latest documents (sidebar), published pages (footer links), "Website liên kết" (sidebar),
# and the visitor statistics (one query; none once cached).
@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 4])
def test_home_queries(client, django_assert_num_queries, n):
    fill(n)
    # + featured article; + latest articles of every category (one window query)
    with django_assert_num_queries(6 + 2):
        assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 4])
def test_category_queries(client, django_assert_num_queries, n):
    fill(n)
    category = Article.objects.last().category
    # + category; + count for the paginator; + the page of articles
    with django_assert_num_queries(6 + 3):
        assert client.get(category.get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 4])
def test_article_queries(client, django_assert_num_queries, n):
    fill(n)
    article = Article.objects.published().last()
    # + article with its category and parent; + its photos; + its documents; + related articles
    # + the documents named by the references in its text (this is the report, which has some)
    with django_assert_num_queries(6 + 5):
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 4])
def test_document_pages_queries(client, django_assert_num_queries, n):
    fill(n)
    document = Document.objects.first()
    # + the document; + the documents it replaces or amends, or that replace or amend it;
    # + the published articles that cite it
    with django_assert_num_queries(6 + 3):
        assert client.get(document.get_absolute_url()).status_code == 200
    # + the filters' choices (issuing bodies and years; sectors); + count; + the page;
    # the visitor statistics are now cached, so the layout costs 5.
    with django_assert_num_queries(5 + 4):
        assert client.get("/van-ban/").status_code == 200


@pytest.mark.django_db
def test_home_lists_the_latest_articles_of_each_category(client):
    first, second = make_category(name="Kinh tế"), make_category(name="Văn hóa")
    old = make_article(category=first, title="Bài cũ kinh tế", published_at=None)
    Article.objects.filter(pk=old.pk).update(published_at="2020-01-01T00:00:00Z")
    newest = [make_article(category=first) for _ in range(6)]
    other = make_article(category=second, title="Bài văn hóa")
    html = client.get("/").content.decode()
    assert "Kinh tế" in html and "Văn hóa" in html and other.title in html
    # Five per category; the oldest falls off.
    assert all(a.title in html for a in newest[:4]) and old.title not in html
