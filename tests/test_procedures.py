"""Thủ tục hành chính: import from a spreadsheet, sharing from a parent site to its children."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

import multisite
from procedures import importing
from procedures.models import NATIONAL_SERVICE_URL, Procedure, ProcedureSettings, service_url
from search.models import SearchEntry

from .factories import make_site, make_user

pytestmark = pytest.mark.django_db

HEADER = [header for _, header, _ in importing.COLUMNS]
FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Tư pháp", "Bảo trợ xã hội"]


def rows(n, start=1):
    """`n` procedures in the template's columns (the header first)."""
    body = [
        [f"1.{start + i:06d}", f"Thủ tục số {start + i} về giấy tờ", FIELDS[i % len(FIELDS)],
         "Toàn trình", "UBND cấp xã", "05 ngày làm việc", "Không", "Tờ khai", "Giấy chứng nhận",
         "Luật Hộ tịch 2014"]
        for i in range(n)
    ]  # fmt: skip
    return [list(HEADER), *body]


def xlsx(table):
    book = Workbook()
    for row in table:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(table):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    return buffer.getvalue().encode("utf-8-sig")


def test_300_procedures_import_in_one_run_and_a_second_run_changes_nothing():
    site = multisite.default_site()
    table = rows(300)
    report = importing.import_rows(site, table)
    assert (report.created, report.updated, report.errors, report.written) == (300, 0, [], True)
    assert Procedure.objects.filter(site=site).count() == 300
    assert SearchEntry.objects.filter(kind="thu-tuc").count() == 300
    stamps = dict(Procedure.objects.values_list("code", "updated_at"))
    again = importing.import_rows(site, table)
    assert (again.created, again.updated, again.unchanged, again.written) == (0, 0, 300, False)
    assert dict(Procedure.objects.values_list("code", "updated_at")) == stamps
    # One changed row is updated by its code, never duplicated.
    table[5][1] = "Tên mới của thủ tục"
    third = importing.import_rows(site, table)
    assert (third.created, third.updated) == (0, 1)
    assert Procedure.objects.count() == 300
    assert Procedure.objects.get(code=table[5][0]).name == "Tên mới của thủ tục"


def test_a_file_with_three_bad_rows_imports_nothing_and_names_rows_and_columns():
    table = rows(20)
    table[3][1] = ""  # row 4: no name
    table[8][0] = "1.00 12"  # row 9: a code with a space
    table[15][0] = table[2][0]  # row 16: the code of row 3 again
    report = importing.import_rows(multisite.default_site(), table)
    assert not report.written and Procedure.objects.count() == 0
    assert [str(e) for e in report.errors] == [
        "Dòng 4, cột “Tên thủ tục”: không được để trống.",
        "Dòng 9, cột “Mã thủ tục”: mã “1.00 12” không hợp lệ.",
        f"Dòng 16, cột “Mã thủ tục”: mã “{table[2][0]}” trùng với dòng 3.",
    ]


def test_column_mapping_reads_another_files_headers():
    table = rows(3)
    table[0][0], table[0][2] = "Mã TTHC", "Lĩnh vực thực hiện"
    mapping = {"code": "Mã TTHC", "field": "Lĩnh vực thực hiện"}
    missing = importing.import_rows(multisite.default_site(), table)
    assert [str(e) for e in missing.errors] == [
        "Dòng 1, cột “Mã thủ tục”: không có cột này trong dòng tiêu đề.",
        "Dòng 1, cột “Lĩnh vực”: không có cột này trong dòng tiêu đề.",
    ]
    report = importing.import_rows(multisite.default_site(), table, mapping)
    assert report.created == 3


def test_admin_import_dry_run_then_import_from_xlsx(client):
    client.force_login(make_user("duyet", "Duyệt bài"))
    url = reverse("admin:procedures_procedure_import")
    data = {f"col_{name}": header for name, header, _ in importing.COLUMNS}
    upload = SimpleUploadedFile("tthc.xlsx", xlsx(rows(12)))
    response = client.post(url, {**data, "file": upload, "dry_run": "on", "remember": "on"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kiểm tra xong 12 dòng: 12 thủ tục mới" in body, body[body.find("content-main") :][:3000]
    assert Procedure.objects.count() == 0
    upload = SimpleUploadedFile("tthc.xlsx", xlsx(rows(12)))
    response = client.post(url, {**data, "file": upload})
    assert response.status_code == 302
    assert Procedure.objects.count() == 12


def test_admin_import_refuses_a_disguised_file_with_a_vietnamese_error(client):
    client.force_login(make_user("duyet", "Duyệt bài"))
    data = {f"col_{name}": header for name, header, _ in importing.COLUMNS}
    upload = SimpleUploadedFile("tthc.xlsx", b"<html>not a workbook</html>")
    response = client.post(reverse("admin:procedures_procedure_import"), {**data, "file": upload})
    assert response.status_code == 200
    assert "Không đọc được tệp Excel (.xlsx)" in response.content.decode()


def test_an_editor_may_not_import(client):
    client.force_login(make_user("bientap", "Biên tập viên"))
    assert client.get(reverse("admin:procedures_procedure_import")).status_code == 403


def test_the_sample_file_imports_cleanly(client):
    client.force_login(make_user("duyet", "Duyệt bài"))
    response = client.get(reverse("admin:procedures_procedure_sample"))
    assert response.status_code == 200
    table = importing.read_rows(io.BytesIO(response.content), "mau.xlsx")
    assert importing.import_rows(multisite.default_site(), table, dry_run=True).errors == []


def test_command_imports_a_csv_for_a_site(tmp_path):
    path = tmp_path / "tthc.csv"
    path.write_bytes(csv_bytes(rows(5)))
    out = io.StringIO()
    call_command("import_procedures", str(path), stdout=out)
    assert Procedure.objects.count() == 5
    assert "5 thủ tục mới" in out.getvalue()


# --- Sharing: a province's procedures are its communes' ---------------------------------------
def test_a_parents_procedures_are_shown_by_its_children_only(settings):
    province = multisite.default_site()
    commune = make_site("xa.vinhlong.gov.vn", "xa-a", parent=province)
    sibling = make_site("xb.vinhlong.gov.vn", "xa-b", parent=province)
    importing.import_rows(province, rows(3))
    with multisite.context.using(commune):
        importing.import_rows(commune, rows(1, start=900))
    assert Procedure.objects.visible_on(commune).count() == 4
    assert Procedure.objects.visible_on(sibling).count() == 3
    assert Procedure.objects.visible_on(province).count() == 3


def test_service_link_uses_the_sites_template_else_its_parents_else_the_national_portal():
    province = multisite.default_site()
    commune = make_site("xa.vinhlong.gov.vn", "xa-a", parent=province)
    assert service_url(commune, "1.000001") == NATIONAL_SERVICE_URL.replace("{code}", "1.000001")
    ProcedureSettings.objects.create(
        site=province, service_url_template="https://dichvucong.vinhlong.gov.vn/tthc?ma={code}"
    )
    assert service_url(commune, "1.000001") == "https://dichvucong.vinhlong.gov.vn/tthc?ma=1.000001"


def test_a_zip_bomb_disguised_as_xlsx_is_refused_before_unpacking():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (importing.MAX_UNPACKED_BYTES + 1))
    assert len(buffer.getvalue()) < importing.MAX_BYTES
    with pytest.raises(importing.UnreadableFile, match="giải nén ra quá lớn"):
        importing.read_rows(io.BytesIO(buffer.getvalue()), "bom.xlsx")


def test_a_code_unsafe_in_an_address_is_refused_in_the_admin(client):
    client.force_login(make_user("duyet", "Duyệt bài"))
    response = client.post(reverse("admin:procedures_procedure_add"), {
        "code": "1.0/../x", "name": "Thử", "field": "Hộ tịch", "is_active": "on",
    })  # fmt: skip
    assert response.status_code == 200
    assert "Mã thủ tục chỉ gồm chữ không dấu" in response.content.decode()
    assert not Procedure.objects.exists()


def test_a_malformed_column_mapping_is_a_form_error_and_never_breaks_the_import(client):
    client.force_login(make_user("quantri", "Quản trị trang"))
    response = client.post(reverse("admin:procedures_proceduresettings_add"), {
        "service_url_template": NATIONAL_SERVICE_URL, "column_mapping": '["Mã"]',
    })  # fmt: skip
    assert response.status_code == 200 and "Phải là một đối tượng JSON" in response.content.decode()
    ProcedureSettings.objects.create(site=multisite.default_site(), column_mapping=["Mã"])
    client.force_login(make_user("duyet", "Duyệt bài"))
    assert client.get(reverse("admin:procedures_procedure_import")).status_code == 200
