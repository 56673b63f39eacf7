"""Pages cost a constant number of queries, however many rows they show."""

import pytest
from django.core.management import call_command

import multisite
from documents.models import Document
from multisite import default_site
from news.models import Article, Category

from .factories import (
    make_article,
    make_category,
    make_document,
    make_image,
    make_person,
    make_work_entry,
)


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
def default_identity(db):
    call_command("loaddata", "nq35_report", verbosity=0)
    multisite.resolve("testserver")  # this process knows the site, as a warm worker does


# Every public page also runs the base layout's six queries: the shared sites version (the
# site and its identity are in the process's memory), menu categories, latest documents
# (sidebar), published pages (footer links), "Website liên kết" (sidebar), and the visitor
# statistics (one query; none once cached). The menu's query reads the site's menu items and
# its categories together (portal.menus.menu_rows).
@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 4])
def test_home_queries(client, django_assert_num_queries, n):
    fill(n)
    leaders = [make_person() for _ in range(n)]
    for _ in range(n):
        make_work_entry(leaders, published=True)  # today's
    # + featured article; + the categories' ids; + latest articles of every category (one
    # UNION of an index scan per category); + "Lịch công tác hôm nay": today's entries, their
    # leaders; + the home's blocks (portal.blocks: a fragment of the content version, so none
    # on a miss once fragments are kept, as in production); + the featured block's smaller
    # articles. The menu stays one query (its items and categories in one UNION); + the
    # "Thông báo" block: current notices; + the "Ảnh và video" block: albums, videos (issue
    # 19; each block's values are a fragment of the content version in production).
    with django_assert_num_queries(6 + 3 + 2 + 2 + 1 + 2):
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
    # (the references in its text were linked when it was saved: nothing asked here); + its
    # attached files (issue 19)
    with django_assert_num_queries(6 + 4 + 1):
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


@pytest.mark.django_db
def test_home_sections_are_the_newest_five_of_every_category_on_either_database(client):
    """The newest five of each category, ties broken by id, on both databases (CI runs both)."""
    from datetime import timedelta

    from django.utils import timezone

    from news.views import ARTICLES_PER_HOME_SECTION, latest_of_each_category

    moment = timezone.now() - timedelta(days=1)
    categories = [make_category(name=f"Chuyên mục {i}") for i in range(3)]
    for i in range(24):
        article = make_article(category=categories[i % 3], title=f"Bài {i}")
        # Ties on the date: the newer id comes first, on both databases.
        Article.objects.filter(pk=article.pk).update(published_at=moment - timedelta(hours=i // 2))
    featured = Article.objects.get(title="Bài 3")
    published = Article.objects.published().exclude(pk=featured.pk)
    got = {(a.category_id, a.pk) for a in latest_of_each_category(published, default_site())}
    expected = set()
    for category in Category.objects.all():
        rows = published.filter(category=category).order_by("-published_at", "-pk")
        expected |= {(category.pk, pk) for pk in rows.values_list("pk", flat=True)[:5]}
    assert got == expected and ARTICLES_PER_HOME_SECTION == 5
    assert len([1 for c, _ in got if c == categories[0].pk]) == 5
