"""The public library: filters, sorting, lookup by symbol, pagination, the document page."""

import re
from datetime import date

import pytest

from documents.models import Document, DocumentRelation, Sector

from .factories import make_article, make_document


def listed(html):
    """The symbols in the library's table, in order."""
    table = html[html.index("<tbody>") : html.index("</tbody>")] if "<tbody>" in html else ""
    return re.findall(r'<td><a href="/van-ban/[^"]+/">([^<]+)</a></td>', table)


@pytest.fixture
def library():
    party = Sector.objects.create(name="Xây dựng Đảng")
    economy = Sector.objects.create(name="Kinh tế")
    make_document(
        symbol="35-NQ/TW", issued_on=date(2018, 10, 22), issuing_body="Bộ Chính trị",
        sector=party, term="XII",
    )  # fmt: skip
    make_document(
        symbol="4051-QĐ/TU", doc_type=Document.Type.DECISION, issued_on=date(2020, 5, 4),
        issuing_body="Ban Thường vụ Tỉnh ủy", sector=party,
    )  # fmt: skip
    make_document(
        symbol="42/2022/NĐ-CP", doc_type=Document.Type.DECREE, issued_on=date(2022, 6, 24),
        issuing_body="Chính phủ", sector=economy, status=Document.Status.EXPIRED,
    )  # fmt: skip
    make_document(
        symbol="4051/QĐ-UBND", doc_type=Document.Type.DECISION, issuing_body="UBND tỉnh Trà Vinh"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["42/2022/NĐ-CP", "4051-QĐ/TU", "35-NQ/TW", "4051/QĐ-UBND"]),
        ("so=35+nq+tw", ["35-NQ/TW"]),
        ("so=35-NQ/TW", ["35-NQ/TW"]),
        ("so=35+-+NQ+/+TW", ["35-NQ/TW"]),
        ("so=4051+qd", ["4051-QĐ/TU", "4051/QĐ-UBND"]),
        ("so=4051+qd+ubnd", ["4051/QĐ-UBND"]),
        ("so=42/2022/nđ-cp", ["42/2022/NĐ-CP"]),
        ("so=405", []),  # a number is matched whole, not as a prefix of 4051
        ("loai=quyet-dinh", ["4051-QĐ/TU", "4051/QĐ-UBND"]),
        ("co_quan=Chính+phủ", ["42/2022/NĐ-CP"]),
        ("nam=2018", ["35-NQ/TW"]),
        ("linh_vuc=xay-dung-dang", ["4051-QĐ/TU", "35-NQ/TW"]),
        ("hieu_luc=het-hieu-luc", ["42/2022/NĐ-CP"]),
        ("linh_vuc=xay-dung-dang&sap_xep=cu-nhat", ["35-NQ/TW", "4051-QĐ/TU"]),
        ("sap_xep=so-ky-hieu", ["35-NQ/TW", "4051-QĐ/TU", "4051/QĐ-UBND", "42/2022/NĐ-CP"]),
    ],
)
def test_library_filters_sorts_and_finds_a_symbol_however_typed(client, library, query, expected):
    response = client.get(f"/van-ban/?{query}")
    assert response.status_code == 200
    assert listed(response.content.decode()) == expected


@pytest.mark.django_db
def test_invalid_filters_are_reported_in_vietnamese_and_ignored(client, library):
    response = client.get("/van-ban/?loai=khong-co&nam=abc&sap_xep=x&hieu_luc=het-hieu-luc")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Một số điều kiện lọc không hợp lệ" in html and "Loại văn bản" in html
    assert listed(html) == ["42/2022/NĐ-CP"]  # the valid filter still applies


@pytest.mark.django_db
def test_filter_choices_come_from_the_library(client, library):
    html = client.get("/van-ban/").content.decode()
    for option in ["Chính phủ", "Ban Thường vụ Tỉnh ủy", "2022", "Kinh tế", "Hết hiệu lực"]:
        assert f">{option}</option>" in html


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client):
    for n in range(35):
        make_document(symbol=f"{n + 1}-KH/HU", doc_type=Document.Type.PLAN)
    make_document(symbol="1-NQ/TU")
    html = client.get("/van-ban/?loai=ke-hoach").content.decode()
    assert len(listed(html)) == 30
    assert 'href="?loai=ke-hoach&amp;page=2"' in html
    second = client.get("/van-ban/?loai=ke-hoach&page=2").content.decode()
    assert len(listed(second)) == 5 and "1-NQ/TU" not in listed(second)
    assert client.get("/van-ban/?page=9").status_code == 404


@pytest.mark.django_db
def test_document_page_shows_metadata_relations_and_citing_articles(client):
    old = make_document(symbol="17-NQ/TU", issued_on=date(2015, 1, 5))
    amended = make_document(symbol="20-NQ/TU", issued_on=date(2016, 2, 1))
    document = make_document(
        symbol="18-NQ/TU", issued_on=date(2020, 3, 9), effective_on=date(2020, 4, 1),
        issuing_body="Ban Chấp hành Đảng bộ tỉnh", term="XI", signer="Nguyễn Văn A",
        level=Document.Level.PROVINCE, sector=Sector.objects.create(name="Tư tưởng - Văn hóa"),
    )  # fmt: skip
    DocumentRelation.objects.create(source=document, target=old, kind="thay-the")
    DocumentRelation.objects.create(source=document, target=amended, kind="sua-doi")
    article = make_article(body="<p>Triển khai Nghị quyết số 18-NQ/TU ngày 09/3/2020.</p>")
    draft = make_article(body="<p>Nghị quyết 18-NQ/TU.</p>", status="draft", title="Bản nháp")

    html = client.get(document.get_absolute_url()).content.decode()
    for text in [
        "Nghị quyết số 18-NQ/TU ngày 09/03/2020", "Văn bản của Đảng", "Tỉnh",
        "Ban Chấp hành Đảng bộ tỉnh khóa XI", "Nguyễn Văn A", "01/04/2020",
        "Tư tưởng - Văn hóa", "Còn hiệu lực", article.title,
    ]:  # fmt: skip
        assert text in html, text
    assert draft.title not in html
    assert f'<dt>Thay thế</dt><dd><a href="{old.get_absolute_url()}">' in html
    assert f'<dt>Sửa đổi, bổ sung</dt><dd><a href="{amended.get_absolute_url()}">' in html

    old.refresh_from_db()
    assert old.status == Document.Status.REPLACED
    html = client.get(old.get_absolute_url()).content.decode()
    assert "Bị thay thế" in html
    assert f'<dt>Bị thay thế bởi</dt><dd><a href="{document.get_absolute_url()}">' in html


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 5])
def test_library_pages_cost_constant_queries(client, django_assert_num_queries, n):
    sectors = [Sector.objects.create(name=f"Lĩnh vực {i}") for i in range(n)]
    documents = [
        make_document(
            issued_on=date(2000 + i, 1, 1), sector=sectors[i], issuing_body=f"Cơ quan {i}"
        )
        for i in range(n)
    ]
    target = documents[0]
    for other in documents[1:]:
        DocumentRelation.objects.create(source=other, target=target, kind="sua-doi")
        make_article(body=f"<p>Theo Nghị quyết {target.symbol}.</p>")
    client.get("/")  # the site identity row is made on the first page ever served
    # Base layout: site identity, menu categories, latest documents, footer pages, linked
    # websites (the visitor statistics were cached by the first page).
    # + the filters' choices: issuing bodies with years, sectors; + count; + the page
    with django_assert_num_queries(5 + 4):
        assert client.get("/van-ban/?sap_xep=cu-nhat").status_code == 200
    # + the document with its sector; + its relations both ways; + the articles citing it
    with django_assert_num_queries(5 + 3):
        assert client.get(target.get_absolute_url()).status_code == 200
