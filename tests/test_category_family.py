"""A category page lists its own articles and its subcategories', nobody else's."""

import pytest

from .factories import make_article, make_category


@pytest.mark.django_db
def test_category_page_lists_its_subcategories_articles(client):
    parent = make_category(name="Kinh tế")
    child = make_category(name="Nông nghiệp", parent=parent)
    other = make_category(name="Văn hóa")
    make_article(category=parent, title="Bài của chuyên mục cha")
    make_article(category=child, title="Bài của chuyên mục con")
    make_article(category=other, title="Bài của chuyên mục khác")
    html = client.get(parent.get_absolute_url()).content.decode()
    assert "Bài của chuyên mục cha" in html and "Bài của chuyên mục con" in html
    assert "Bài của chuyên mục khác" not in html
