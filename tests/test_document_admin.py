"""Documents in the admin: uploads checked by content, search, citing articles, missing list."""

import io
import zipfile
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from documents.validators import validate_document_file

from .factories import make_article, make_document

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "mat-khau-dai-123")
    client.force_login(user)
    return client


def add_form(**overrides):
    data = {
        "symbol": "35-NQ/TW",
        "doc_type": "nghi-quyet",
        "title": "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
        "issued_on": "22/10/2018",
        "effective_on": "",
        "kind": "",
        "level": "trung-uong",
        "issuing_body": "Bộ Chính trị",
        "term": "XII",
        "signer": "",
        "sector": "",
        "status": "con-hieu-luc",
        "slug": "",
        "relations_out-TOTAL_FORMS": "0",
        "relations_out-INITIAL_FORMS": "0",
        "relations_out-MIN_NUM_FORMS": "0",
        "relations_out-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_pdf_upload_is_accepted_and_served_inline_in_a_sandbox(admin_client, client):
    upload = SimpleUploadedFile("nghi-quyet-35.pdf", PDF, content_type="application/pdf")
    response = admin_client.post("/admin/documents/document/add/", add_form(file=upload))
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert document.kind == "party" and document.file_size == len(PDF)

    response = client.get(document.get_file_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    page = client.get(document.get_absolute_url()).content.decode()
    assert f'href="{document.get_file_url()}"' in page and "Xem văn bản (PDF" in page


@pytest.mark.django_db
def test_an_executable_renamed_pdf_is_refused_in_vietnamese(admin_client):
    upload = SimpleUploadedFile("nghi-quyet.pdf", EXE, content_type="application/pdf")
    response = admin_client.post("/admin/documents/document/add/", add_form(file=upload))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nội dung tệp không phải là PDF hợp lệ" in html
    assert Document.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("a.pdf", PDF, True),
        ("a.docx", docx_bytes(), True),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, True),
        ("a.pdf", EXE, False),
        ("a.docx", EXE, False),
        ("a.docx", b"PK\x03\x04not really a zip", False),
        ("a.doc", PDF, False),
        ("a.exe", EXE, False),
    ],
)
def test_files_are_checked_by_content(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        validate_document_file(upload)
    else:
        with pytest.raises(ValidationError, match="(không phải|Chỉ nhận)"):
            validate_document_file(upload)


@pytest.mark.django_db
def test_files_over_the_size_limit_are_refused(settings):
    settings.DOCUMENTS_MAX_FILE_SIZE = 1024
    with pytest.raises(ValidationError, match="Tệp quá lớn"):
        validate_document_file(SimpleUploadedFile("a.pdf", PDF + b" " * 2000))


@pytest.mark.django_db
def test_a_word_file_is_served_as_a_download(client):
    document = make_document(symbol="03-HD/TU")
    document.file.save("huong-dan.docx", SimpleUploadedFile("x.docx", docx_bytes()))
    response = client.get(document.get_file_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_a_document_without_file_answers_404_in_vietnamese(client):
    document = make_document()
    response = client.get(document.get_file_url())
    assert response.status_code == 404


@pytest.mark.django_db
def test_admin_finds_a_symbol_however_typed_and_lists_citing_articles(admin_client):
    document = make_document(symbol="4051-QĐ/TU")
    make_document(symbol="12-NQ/TU")
    article = make_article(body="<p>Đề án theo Quyết định số 4051-QĐ/TU.</p>")
    html = admin_client.get("/admin/documents/document/?q=4051+qd+tu").content.decode()
    assert "4051-QĐ/TU" in html and "12-NQ/TU" not in html
    html = admin_client.get(f"/admin/documents/document/{document.pk}/change/").content.decode()
    assert article.title in html and f"/admin/news/article/{article.pk}/change/" in html


@pytest.mark.django_db
def test_article_form_autocomplete_finds_a_symbol_however_typed(admin_client):
    document = make_document(symbol="4051-QĐ/TU")
    make_document(symbol="12-NQ/TU")
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "news",
            "model_name": "article",
            "field_name": "documents",
            "term": "4051 qd",
        },
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(document.pk)]


@pytest.mark.django_db
def test_deleting_documents_in_bulk_relinks_the_articles(admin_client):
    old = make_document(symbol="18-NQ/TW", issued_on=date(2001, 8, 3))
    new = make_document(symbol="18-NQ/TW", issued_on=date(2017, 10, 25))
    article = make_article(body="<p>Nghị quyết 18-NQ/TW.</p>")
    assert article.documents.count() == 0  # two candidates, no date
    response = admin_client.post(
        "/admin/documents/document/",
        {"action": "delete_selected", "_selected_action": [old.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert set(article.documents.all()) == {new}


@pytest.mark.django_db
def test_admin_lists_cited_symbols_missing_from_the_library_with_a_start(admin_client):
    make_document(symbol="35-NQ/TW", issued_on=date(2018, 10, 22))
    first = make_article(body="<p>Chỉ thị 07-CT/HU và Nghị quyết 35-NQ/TW ngày 22/10/2018.</p>")
    make_article(body="<p>Chỉ thị số 07 - CT/HU; Nghị quyết 18-NQ/TW ngày 25/10/2017.</p>")
    html = admin_client.get("/admin/documents/document/chua-co/").content.decode()
    assert "07-CT/HU" in html and "18-NQ/TW" in html and "25/10/2017" in html
    assert "35-NQ/TW" not in html
    assert first.title in html
    assert "/admin/documents/document/add/?symbol=18-NQ%2FTW&amp;issued_on=25%2F10%2F2017" in html

    # One click: the add form opens with what the symbol says.
    form = admin_client.get("/admin/documents/document/add/?symbol=07-CT/HU").content.decode()
    assert 'value="07-CT/HU"' in form
    assert '<option value="chi-thi" selected>' in form
    assert '<option value="huyen" selected>' in form
    assert '<option value="party" selected>' in form

    make_document(symbol="07-CT/HU", doc_type=Document.Type.DIRECTIVE)
    html = admin_client.get("/admin/documents/document/chua-co/").content.decode()
    assert "07-CT/HU" not in html and "18-NQ/TW" in html
    assert (
        "Văn bản được trích dẫn nhưng chưa có"
        in admin_client.get("/admin/documents/document/").content.decode()
    )


@pytest.mark.django_db
def test_admin_screens_of_the_library_open(admin_client):
    document = make_document()
    for url in [
        "/admin/documents/sector/", "/admin/documents/sector/add/",
        f"/admin/documents/document/{document.pk}/change/", "/admin/documents/document/chua-co/",
    ]:  # fmt: skip
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_missing_list_needs_staff(client):
    response = client.get("/admin/documents/document/chua-co/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
