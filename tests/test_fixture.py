"""The 35-NQ/TW report: `manage.py loaddata nq35_report` as an administrator runs it."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from documents.models import Document
from documents.references import normalize_symbol
from multisite.models import SiteProfile
from news.models import Article, ArticleImage, Category

from .factories import default_identity, make_article, make_category, make_document

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "nq35_report.json"
KEY_SENTENCES = [
    "Ngày 15/6/2023, Huyện ủy Châu Thành tổ chức hội nghị sơ kết 05 năm",
    "Bà Nguyễn Minh Thuy - Phó Bí thư Thường trực Huyện ủy Châu Thành phát biểu chủ trì Hội nghị",
    "Năm năm qua, Huyện ủy, Ban Thường vụ Huyện ủy Châu Thành quan tâm lãnh đạo",
    "Bên cạnh những kết quả đạt được",
    "Một số hình ảnh tại Hội nghị",
    "Huyện ủy Châu Thành đề ra 04 nhóm giải pháp",
    "Phát biểu kết luận hội nghị, bà Nguyễn Minh Thuy",
    "Phan Thưa - TT",
]


def load_report():
    out = io.StringIO()
    call_command("loaddata", "nq35_report", stdout=out)
    return out.getvalue()


def snapshot():
    """Every row the report touches, as plain values, to compare before and after."""
    return {
        model.__name__: sorted(map(repr, model.objects.values()))
        for model in (Category, Article, ArticleImage, Document, SiteProfile)
    } | {
        "links": sorted(Article.documents.through.objects.values_list("article_id", "document_id"))
    }


def report():
    return Article.objects.get(title__startswith="Huyện ủy Châu Thành sơ kết 05 năm")


@pytest.mark.django_db
def test_report_loads_with_its_documents_photos_and_identity(media_root):
    load_report()
    article = report()
    assert article.category.name == "Tin tức - Sự kiện"
    assert article.author_line == "Phan Thưa - TT"
    assert timezone.localtime(article.published_at).date() == date(2023, 6, 15)
    assert article.is_public
    assert sorted(d.symbol for d in article.documents.all()) == [
        "03-HD/TU", "24-CT/TU", "35-NQ/TW", "4051-QĐ/TU", "53-KL/TW",
    ]  # fmt: skip
    dates = {d.symbol: d.issued_on for d in Document.objects.all()}
    assert str(dates.pop("35-NQ/TW")) == "2018-10-22"
    assert set(dates.values()) == {None}, "the seed gives no other date: none may be invented"
    assert article.images.count() == 4
    for name in [article.cover.name, *article.images.values_list("photo", flat=True)]:
        assert (media_root / name).is_file(), f"{name} did not reach MEDIA_ROOT"
    for image in article.images.all():
        assert "giữ chỗ" in image.alt
    assert "giữ chỗ" in article.cover_alt
    identity = default_identity()
    assert identity.email == "chauthanh@travinh.gov.vn"
    assert "VNPT" not in json.dumps(list(SiteProfile.objects.values()), ensure_ascii=False)


@pytest.mark.django_db
def test_report_is_verbatim_and_in_the_seed_reading_order():
    load_report()
    article = report()
    assert article.lead.startswith("Ngày 15/6/2023") and article.lead.endswith(
        "cùng chủ trì hội nghị."
    )
    before, after = article.body_parts()
    assert before.rstrip().endswith("từng lúc chưa cao,…</p>")  # the paragraph on limitations
    assert after.lstrip().startswith("<p>Về nhiệm vụ và giải pháp")
    assert article.gallery_title == "Một số hình ảnh tại Hội nghị"


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load_report()
    first = snapshot()
    load_report()
    assert snapshot() == first


@pytest.mark.django_db
def test_loading_into_a_live_site_overwrites_nothing_of_the_editors():
    # An editor's own content, created before the report, with primary keys 1, 2, ...
    category = make_category(name="Văn hóa - Xã hội")
    theirs = [make_article(category=category) for _ in range(3)]
    document = make_document(symbol="12-NQ/TU")
    identity = default_identity()
    identity.site_name = "Cổng thông tin xã Hòa Lợi"
    identity.save()
    before = {a.pk: (a.title, a.slug, a.body, a.category_id) for a in Article.objects.all()}

    load_report()

    for article in theirs:
        article.refresh_from_db()
        assert before[article.pk] == (
            article.title,
            article.slug,
            article.body,
            article.category_id,
        )
    document.refresh_from_db()
    assert document.symbol == "12-NQ/TU"
    assert default_identity().site_name == "Cổng thông tin xã Hòa Lợi"
    assert Article.objects.count() == 4
    assert Category.objects.count() == 2


@pytest.mark.django_db
def test_article_page_shows_the_seed_text_photos_documents_and_footer(client):
    load_report()
    article = report()
    html = client.get(article.get_absolute_url()).content.decode()
    for sentence in KEY_SENTENCES:
        assert sentence in html
    assert "Thứ Năm, 15/06/2023" in html
    assert html.count("<figcaption>") >= 1
    assert html.index("từng lúc chưa cao") < html.index("Một số hình ảnh tại Hội nghị")
    assert html.index("Một số hình ảnh tại Hội nghị") < html.index("Về nhiệm vụ và giải pháp")
    for document in Document.objects.all():
        assert f'href="{document.get_absolute_url()}"' in html
    assert "Ông Đỗ Minh Tiến" in html and "02943.872072" in html
    assert "khi phát hành lại thông tin từ website này" in html


@pytest.mark.django_db
def test_report_photos_are_served(client):
    load_report()
    response = client.get(report().cover.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_fixture_uses_natural_keys_only():
    objects = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert objects and all("pk" not in obj for obj in objects)
    for obj in objects:
        if obj["model"] == "documents.document":
            assert obj["fields"]["symbol_key"] == normalize_symbol(obj["fields"]["symbol"])


@pytest.mark.django_db
def test_ensure_report_loads_only_when_absent():
    out = io.StringIO()
    call_command("ensure_report", stdout=out)
    assert "Loaded" in out.getvalue()
    article = report()
    article.title = "Tiêu đề do biên tập viên sửa"
    article.save()
    call_command("ensure_report", stdout=out)
    article.refresh_from_db()
    assert article.title == "Tiêu đề do biên tập viên sửa"
