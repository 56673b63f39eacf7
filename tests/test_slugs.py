import pytest

from core.text import unique_slug, vietnamese_slug
from documents.references import normalize_symbol
from news.models import Article

from .factories import make_article, make_category, make_document


def test_vietnamese_slug_keeps_d_with_stroke():
    assert vietnamese_slug("của Đảng, đấu tranh") == "cua-dang-dau-tranh"
    assert vietnamese_slug("Tin tức - Sự kiện") == "tin-tuc-su-kien"


def test_slug_is_cut_at_a_word_boundary():
    slug = vietnamese_slug("nghị quyết " * 40)
    assert len(slug) <= 120
    assert slug.endswith("quyet") and "--" not in slug


def test_unique_slug_appends_a_number_within_the_limit():
    taken = {"a" * 60 + "-" + "b" * 59}
    slug = unique_slug("a" * 60 + " " + "b" * 59, taken.__contains__)
    assert slug not in taken and slug.endswith("-2") and len(slug) <= 120


def test_document_symbols_normalise_however_typed():
    assert normalize_symbol("35 – nq / tw") == "35-NQ/TW"
    assert normalize_symbol("4051-QĐ/TU") == normalize_symbol("4051 - qđ/tu")
    assert normalize_symbol("42/2022/NĐ–CP") == "42/2022/NĐ-CP"


@pytest.mark.django_db
def test_article_slug_is_made_from_the_title_and_unique():
    first = make_article(title="Đấu tranh phản bác quan điểm sai trái", slug="")
    second = make_article(title="Đấu tranh phản bác quan điểm sai trái", slug="")
    assert first.slug == "dau-tranh-phan-bac-quan-diem-sai-trai"
    assert second.slug == "dau-tranh-phan-bac-quan-diem-sai-trai-2"


@pytest.mark.django_db
def test_slug_is_frozen_once_published():
    article = make_article(title="Bản nháp đầu", status=Article.Status.DRAFT)
    assert article.slug == "ban-nhap-dau"
    article.slug = "ban-nhap-sua"
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "ban-nhap-sua"  # drafts may still change

    article.status = Article.Status.PUBLISHED
    article.save()
    article = Article.objects.get(pk=article.pk)
    article.slug = "duong-dan-moi"
    article.status = Article.Status.DRAFT  # even after unpublishing, the old URL stays
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "ban-nhap-sua"


@pytest.mark.django_db
def test_category_and_document_slugs():
    assert make_category(name="Đảng bộ huyện").slug == "dang-bo-huyen"
    document = make_document(symbol="4051-QĐ/TU")
    assert document.slug == "4051-qd-tu"
