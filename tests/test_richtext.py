"""Article bodies are sanitised on every path into the database."""

import json

import pytest
from django.core.management import call_command
from django.template import Context, Template

from news.models import Article
from news.richtext import split_blocks

from .factories import make_article, make_category

PAYLOADS = [
    '<script>alert("x")</script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<iframe src="https://example.com"></iframe>',
    '<svg onload="alert(1)"></svg>',
]
KEPT = "<p><strong>Đảng</strong> và <em>Nhân dân</em></p>"


def assert_clean(html):
    lowered = html.lower()
    for needle in ("<script", "onerror", "javascript:", "<iframe", "<svg", "onload", "style="):
        assert needle not in lowered, html
    assert KEPT in html


@pytest.mark.django_db
def test_body_saved_through_the_orm_is_sanitised():
    article = make_article(body=KEPT + "".join(PAYLOADS))
    article.refresh_from_db()
    assert_clean(article.body)


@pytest.mark.django_db
def test_body_written_by_queryset_update_is_sanitised():
    article = make_article()
    Article.objects.filter(pk=article.pk).update(body=KEPT + "".join(PAYLOADS))
    article.refresh_from_db()
    assert_clean(article.body)


@pytest.mark.django_db
def test_body_loaded_from_a_fixture_is_sanitised(tmp_path):
    category = make_category(slug="thoi-su")
    fixture = tmp_path / "evil.json"
    fixture.write_text(
        json.dumps([{
            "model": "news.article",
            "fields": {
                "title": "Bài từ fixture", "slug": "bai-tu-fixture", "category": ["thoi-su"],
                "body": KEPT + "".join(PAYLOADS), "status": "draft",
                "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z",
            },
        }], ensure_ascii=False),
        encoding="utf-8",
    )  # fmt: skip
    call_command("loaddata", str(fixture), verbosity=0)
    article = Article.objects.get(slug="bai-tu-fixture")
    assert article.category == category
    assert_clean(article.body)


@pytest.mark.django_db  # a new article belongs to a site: the default one, asked of the database
def test_unsaved_body_is_escaped_when_rendered():
    """Only what went through the database (and so the sanitiser) is trusted by templates."""
    article = Article(body='<img src="x" onerror="alert(1)">')
    html = Template("{{ a.body }}").render(Context({"a": article}))
    assert "<img" not in html and "&lt;img" in html


@pytest.mark.django_db
def test_saved_body_renders_as_html():
    article = make_article(body=KEPT)
    article = Article.objects.get(pk=article.pk)
    assert Template("{{ a.body }}").render(Context({"a": article})) == KEPT


def test_split_blocks_cuts_between_top_level_elements():
    html = "<p>một</p>\n<figure><img src='/a.jpg'><figcaption>hai</figcaption></figure><p>ba</p>"
    assert split_blocks(html, 1) == ("<p>một</p>", html[len("<p>một</p>") :])
    head, tail = split_blocks(html, 2)
    assert head.endswith("</figure>") and tail == "<p>ba</p>"
    assert split_blocks(html, 0) == ("", html)
    assert split_blocks(html, 9) == (html, "")
