"""Công khai (disclosures/): typed disclosures with their files in the document library, the
public section by type and year, search without diacritics, and the list of information that
must be public, per site."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import multisite
from disclosures.models import BudgetStage, Disclosure, Period, RequiredItem, Type
from documents.models import Document
from search.models import SearchEntry

from .factories import make_document, make_site, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_disclosure(**overrides):
    fields = {"type": Type.BUDGET, "stage": BudgetStage.ESTIMATE, "year": 2026}
    fields.update(overrides)
    disclosure = Disclosure(**fields)
    disclosure.full_clean()
    disclosure.save()
    return disclosure


def html(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def admin_form(**overrides):
    now = timezone.localtime()
    data = {
        "type": Type.BUDGET, "stage": BudgetStage.ESTIMATE, "year": "2026",
        "period": Period.YEAR, "month": "", "title": "", "summary": "Tổng thu, tổng chi.",
        "published_at_0": now.strftime("%d/%m/%Y"), "published_at_1": now.strftime("%H:%M:%S"),
        "is_published": "on", "new_symbol": "", "new_doc_type": Document.Type.DECISION,
        "new_issued_on": "", "new_issuing_body": "",
    }  # fmt: skip
    data.update(overrides)
    return data


# --- the typed record ----------------------------------------------------------------------
def test_title_is_derived_from_type_stage_period_and_year():
    assert str(make_disclosure()) == "Dự toán ngân sách năm 2026"
    settled = make_disclosure(stage=BudgetStage.SETTLEMENT, year=2025, period=Period.Q2)
    assert str(settled) == "Quyết toán ngân sách quý II năm 2025"
    monthly = make_disclosure(type=Type.PROCUREMENT, stage="", period=Period.MONTH, month=3)
    assert str(monthly) == "Mua sắm, đấu thầu tháng 3 năm 2026"
    assert monthly.slug == "mua-sam-dau-thau-thang-3-nam-2026"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"stage": ""}, "stage"),  # a budget disclosure says which stage
        ({"type": Type.PLANNING}, "stage"),  # only budget disclosures have one
        ({"period": Period.MONTH}, "month"),
        ({"month": 5}, "month"),
        ({"year": 1850}, "year"),
        ({"published_at": timezone.now() + timedelta(days=2)}, "published_at"),
    ],
)
def test_inconsistent_disclosures_are_refused_in_vietnamese(fields, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        make_disclosure(**fields)
    assert field in refused.value.message_dict


# --- the public section ----------------------------------------------------------------------
def test_listed_by_year_and_by_type_with_filters_as_links(client):
    estimate = make_disclosure()
    old = make_disclosure(year=2025, stage=BudgetStage.SETTLEMENT)
    tender = make_disclosure(type=Type.PROCUREMENT, stage="", title="Kết quả đấu thầu gói số 3")
    hidden = make_disclosure(title="Bản nháp dự toán", is_published=False)

    page = html(client, "/cong-khai/?nam=2026")
    assert estimate.title in page and tender.title in page
    assert old.title not in page and hidden.title not in page
    assert "<h1>Công khai năm 2026</h1>" in page
    # the years on offer, as links, the chosen one marked for screen readers
    assert 'href="?nam=2025"' in page
    assert 'href="?nam=2026" aria-current="true">2026</a>' in page

    page = html(client, "/cong-khai/?loai=mua-sam-dau-thau")
    assert tender.title in page and estimate.title not in page
    page = html(client, "/cong-khai/?loai=ngan-sach&nam=2025")
    assert old.title in page and estimate.title not in page and tender.title not in page


def test_unknown_filters_are_ignored_not_a_500(client):
    make_disclosure()
    page = html(client, "/cong-khai/?loai=<script>&nam=20x6&trang=zz")
    assert "Dự toán ngân sách năm 2026" in page
    assert "<script>" not in page


def test_empty_section_says_so_in_vietnamese(client):
    assert "Chưa có thông tin công khai nào được đăng" in html(client, "/cong-khai/")
    make_disclosure()
    page = html(client, "/cong-khai/?nam=2019")
    assert "Không có thông tin công khai nào theo lựa chọn này" in page


def test_list_paginates(client):
    for month in range(1, 13):
        make_disclosure(type=Type.PROCUREMENT, stage="", period=Period.MONTH, month=month)
    for year in range(2014, 2024):
        make_disclosure(year=year)
    first = html(client, "/cong-khai/")
    assert "22 mục" in first and "Trang 1 / 2" in first and 'rel="next"' in first
    second = html(client, "/cong-khai/?trang=2")
    assert "Trang 2 / 2" in second and "Dự toán ngân sách năm 2014" in second


def test_detail_shows_its_library_files(client):
    document = make_document(symbol="125/QĐ-UBND", doc_type=Document.Type.DECISION,
                             title="Công bố công khai dự toán ngân sách năm 2026")  # fmt: skip
    document.file = SimpleUploadedFile("du-toan.pdf", PDF, "application/pdf")
    document.save()
    disclosure = make_disclosure()
    disclosure.documents.add(document)
    page = html(client, disclosure.get_absolute_url())
    assert "<h1>Dự toán ngân sách năm 2026</h1>" in page
    assert document.get_absolute_url() in page and document.get_file_url() in page
    assert client.get(document.get_file_url()).status_code == 200


def test_pages_cost_the_same_queries_whatever_the_rows(client, content_version_read,
                                                       site_resolved):  # fmt: skip
    disclosure = make_disclosure()
    disclosure.documents.add(make_document(), make_document())

    def counts():
        content_version_read()
        client.get("/cong-khai/")  # warm the layout's fragments
        client.get(disclosure.get_absolute_url())
        result = []
        for url in ("/cong-khai/", disclosure.get_absolute_url()):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            result.append(len(captured))
        return result

    # the base layout (the sites version, the menu's categories, the latest documents, the
    # links, the footer's pages): 5; list: the years on offer, the count, the page's rows;
    # detail: the disclosure, its documents (one query whatever their number)
    assert counts() == [5 + 3, 5 + 2]
    for year in range(2000, 2030):
        make_disclosure(year=year, stage=BudgetStage.EXECUTION)
    disclosure.documents.add(*[make_document() for _ in range(5)])
    assert counts() == [5 + 3, 5 + 2]


def test_another_sites_disclosures_are_404(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    commune = make_site("xa.example.vn", "xa-a", parent=multisite.default_site())
    theirs = make_disclosure(title="Dự toán của xã A")
    Disclosure.objects.filter(pk=theirs.pk).update(site=commune)
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert "Dự toán của xã A" not in html(client, "/cong-khai/")
    assert client.get(theirs.get_absolute_url(), HTTP_HOST="xa-a.localhost").status_code == 200


# --- search ----------------------------------------------------------------------------------
def test_found_by_search_without_diacritics(client):
    disclosure = make_disclosure(summary="Tổng thu ngân sách xã 12 tỷ đồng.")
    make_disclosure(title="Chưa công bố dự toán", is_published=False)
    page = html(client, "/tim-kiem/?q=du+toan+ngan+sach+2026")
    assert disclosure.get_absolute_url() in page
    assert "Chưa công bố dự toán" not in page
    entry = SearchEntry.objects.get(kind="cong-khai", object_id=disclosure.pk)
    assert entry.title == "Dự toán ngân sách năm 2026"
    assert "quyet toan" not in entry.words
    page = html(client, "/tim-kiem/?q=tong+thu+12+ty")
    assert disclosure.get_absolute_url() in page


# --- the admin, as the role that enters disclosures ------------------------------------------
def test_approver_uploads_a_file_that_lands_in_the_library_and_on_the_public_page(client):
    client.force_login(make_user("duyet", "Duyệt bài"))
    upload = SimpleUploadedFile("du-toan-2026.pdf", PDF, "application/pdf")
    data = admin_form(new_file=upload, new_symbol="125/QĐ-UBND", new_issued_on="20/01/2026")
    response = client.post("/admin/disclosures/disclosure/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    disclosure = Disclosure.objects.get()
    document = disclosure.documents.get()
    # one write path: the document is the library's, findable and citable as any other
    assert document.symbol == "125/QĐ-UBND" and document.file_size == len(PDF)
    assert document.title == "Dự toán ngân sách năm 2026"
    assert SearchEntry.objects.filter(kind="van-ban", object_id=document.pk).exists()
    client.logout()
    page = html(client, disclosure.get_absolute_url())
    assert document.get_file_url() in page and "(PDF, " in page
    assert client.get(document.get_file_url()).getvalue() == PDF


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bao-cao.pdf", b"MZ\x90\x00 not a pdf", "Nội dung tệp không phải là PDF hợp lệ"),
        ("bao-cao.pdf", b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1))"
         b" >> >> endobj\n%%EOF", "chứa mã chạy được"),
        ("bao-cao.exe", b"MZ\x90\x00", "Chỉ nhận tệp PDF, DOC hoặc DOCX."),
    ],
)  # fmt: skip
def test_a_bad_file_gets_a_vietnamese_form_error_and_nothing_is_saved(client, name, content,
                                                                     message):  # fmt: skip
    client.force_login(make_user("duyet", "Duyệt bài"))
    upload = SimpleUploadedFile(name, content, "application/pdf")
    data = admin_form(new_file=upload, new_symbol="126/QĐ-UBND")
    response = client.post("/admin/disclosures/disclosure/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Disclosure.objects.exists() and not Document.objects.exists()


def test_a_new_file_needs_its_symbol(client):
    client.force_login(make_user("duyet", "Duyệt bài"))
    upload = SimpleUploadedFile("du-toan.pdf", PDF, "application/pdf")
    response = client.post("/admin/disclosures/disclosure/add/", admin_form(new_file=upload))
    assert "Hãy nhập số ký hiệu của văn bản được tải lên." in response.content.decode()
    assert not Disclosure.objects.exists()


def test_editors_and_site_admins_do_not_enter_disclosures(client):
    client.force_login(make_user("bientap", "Biên tập viên"))
    assert client.get("/admin/disclosures/disclosure/add/").status_code == 403
    client.force_login(make_user("quantri", "Quản trị trang"))
    assert client.get("/admin/disclosures/disclosure/add/").status_code == 403
    assert client.get("/admin/disclosures/requireditem/").status_code == 200


def test_another_sites_disclosure_is_404_in_the_admin(client):
    client.force_login(make_user("duyet", "Duyệt bài"))
    theirs = make_disclosure()
    Disclosure.objects.filter(pk=theirs.pk).update(
        site=make_site("xa.example.vn", "xa-a", parent=multisite.default_site())
    )
    response = client.get(f"/admin/disclosures/disclosure/{theirs.pk}/change/")
    assert response.status_code == 404


# --- Danh mục thông tin phải công khai ---------------------------------------------------------
def test_required_list_links_each_line_to_where_it_is(client):
    page = html(client, "/cong-khai/danh-muc-thong-tin-phai-cong-khai/")
    assert "Dự toán, tình hình thực hiện, quyết toán ngân sách" in page
    assert 'href="/cong-khai/?loai=ngan-sach"' in page
    assert 'href="/van-ban/"' in page and 'href="/thu-tuc-hanh-chinh/"' in page
    assert 'href="/lich-cong-tac/"' in page and 'href="/gui-y-kien/"' in page
    assert "Luật TCTT 2016, Điều 17 khoản 1" in page


def test_a_new_site_starts_with_the_default_list_and_its_admin_edits_it(client):
    from multisite.services import create_site

    site = create_site("xa.vinhlong.gov.vn", "Xã Hòa Lợi", parent=multisite.default_site())
    mine = RequiredItem.objects.filter(site=multisite.default_site())
    theirs = RequiredItem.objects.filter(site=site)
    assert theirs.count() == mine.count() > 10
    client.force_login(make_user("quantri", "Quản trị trang"))
    item = mine.get(target="van-ban")
    response = client.post(f"/admin/disclosures/requireditem/{item.pk}/change/", {
        "order": "1", "title": "Văn bản của xã", "legal_basis": "Luật TCTT 2016, Điều 17",
        "target": "khac", "custom_url": "javascript:alert(1)", "note": "",
    })  # fmt: skip
    assert "Địa chỉ phải bắt đầu bằng / (trên cổng) hoặc https://." in response.content.decode()
    response = client.post(f"/admin/disclosures/requireditem/{item.pk}/change/", {
        "order": "1", "title": "Văn bản của xã", "legal_basis": "Luật TCTT 2016, Điều 17",
        "target": "khac", "custom_url": "/trang/van-ban-cua-xa/", "note": "",
    })  # fmt: skip
    assert response.status_code == 302
    client.logout()
    page = html(client, "/cong-khai/danh-muc-thong-tin-phai-cong-khai/")
    assert 'href="/trang/van-ban-cua-xa/"' in page and "Văn bản của xã" in page
    assert theirs.get(target="van-ban").title != "Văn bản của xã"


def test_sitemap_lists_published_disclosures(client):
    shown = make_disclosure()
    hidden = make_disclosure(year=2025, is_published=False)
    body = client.get("/sitemap.xml").content.decode()  # one file while the site is small
    assert shown.get_absolute_url() in body and hidden.get_absolute_url() not in body


@pytest.mark.django_db(transaction=True)
def test_a_cached_list_shows_a_new_disclosure_and_a_new_file_at_once(client, settings):
    """Transactional: the content version moves when the change commits, as on a live site."""
    from pagecache import version

    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 60
    settings.PAGE_CACHE_VERSION_SECONDS = 0  # this process re-reads the version every request
    ua = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}
    version.forget()
    disclosure = make_disclosure(title="Dự toán cũ")
    client.get("/cong-khai/", **ua)
    assert client.get("/cong-khai/", **ua)["X-Page-Cache"] == "hit"
    make_disclosure(year=2027, title="Dự toán ngân sách năm 2027")
    assert "Dự toán ngân sách năm 2027" in html(client, "/cong-khai/", **ua)
    client.get(disclosure.get_absolute_url(), **ua)
    disclosure.documents.add(make_document(symbol="9/QĐ-UBND", doc_type=Document.Type.DECISION))
    assert "9/QĐ-UBND" in html(client, disclosure.get_absolute_url(), **ua)
    version.forget()
