"""Import procedures from a spreadsheet (xlsx with openpyxl, or csv).

The national database's export columns are not known here, so the project ships its own
template (fixtures/thu-tuc-hanh-chinh-mau.csv; the admin offers it as xlsx too) and each site
may map the fields to other column names (ProcedureSettings.column_mapping).

The whole file is checked first: every bad row is reported by its number (as the spreadsheet
shows it: the header is row 1) and its column, and nothing is written until the file is clean.
A clean file is written in one transaction: a code already on the site is updated, a new one
created, an identical row left alone (a second import of the same file changes nothing).
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from pagecache.version import bump_on_commit
from search.index import reindex

from .models import CODE_PATTERN, Procedure

# (model field, the template's column name, required)
COLUMNS = [
    ("code", "Mã thủ tục", True),
    ("name", "Tên thủ tục", True),
    ("field", "Lĩnh vực", True),
    ("level", "Mức độ", False),
    ("agency", "Cơ quan thực hiện", False),
    ("processing_time", "Thời hạn giải quyết", False),
    ("fee", "Phí, lệ phí", False),
    ("papers", "Thành phần hồ sơ", False),
    ("result", "Kết quả thực hiện", False),
    ("legal_basis", "Căn cứ pháp lý", False),
]
FIELDS = [name for name, _, _ in COLUMNS]
DEFAULT_MAPPING = {name: header for name, header, _ in COLUMNS}
REQUIRED = {name for name, _, required in COLUMNS if required}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
CODE = re.compile(CODE_PATTERN)
# An xlsx is a zip: its parts may not unpack to more than this (a 5 MB "zip bomb" would).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


class UnreadableFile(Exception):
    """The file as a whole cannot be read (its message is for the user, in Vietnamese)."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return f"Dòng {self.row}, cột “{self.column}”: {self.message}"


@dataclass
class Report:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    written: bool = False


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(upload, filename):
    """The rows of an xlsx or csv file as lists of strings, the header first."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadableFile("Tệp lớn hơn 5 MB.")
    name = filename.lower()
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableFile("Tệp CSV phải được lưu với mã UTF-8.") from None
        return [[_cell(value) for value in row] for row in csv.reader(io.StringIO(text))]
    if name.endswith(".xlsx"):
        _check_unpacked_size(data)
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append([_cell(value) for value in row])
                if len(rows) > MAX_ROWS + 1:
                    break
            book.close()
            return rows
        except Exception:  # openpyxl raises many kinds on a damaged or disguised file
            raise UnreadableFile(
                "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."
            ) from None
    raise UnreadableFile("Chỉ nhận tệp .xlsx hoặc .csv.")


def _check_unpacked_size(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except zipfile.BadZipFile:
        raise UnreadableFile(
            "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile("Tệp Excel giải nén ra quá lớn (hơn 100 MB); hãy chia nhỏ.")


def _limits():
    return {name: Procedure._meta.get_field(name).max_length for name in FIELDS}


def parse(rows, mapping=None):
    """Check every row; returns (records, errors). Records are dicts of the model's fields."""
    mapping = {**DEFAULT_MAPPING, **{k: v for k, v in (mapping or {}).items() if v}}
    errors = []
    if not rows:
        return [], [RowError(1, "—", "Tệp không có dữ liệu.")]
    header = [value.strip().lower() for value in rows[0]]
    positions = {}
    for name in FIELDS:
        column = mapping[name]
        if column.strip().lower() in header:
            positions[name] = header.index(column.strip().lower())
        elif name in REQUIRED:
            errors.append(RowError(1, column, "không có cột này trong dòng tiêu đề."))
    if errors:
        return [], errors
    if len(rows) - 1 > MAX_ROWS:
        return [], [RowError(MAX_ROWS + 2, "—", f"Tệp có hơn {MAX_ROWS} dòng; hãy chia nhỏ.")]
    limits, seen, records = _limits(), {}, []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue  # a blank line between blocks
        record = {}
        for name, position in positions.items():
            record[name] = row[position] if position < len(row) else ""
        for name in FIELDS:
            value = record.setdefault(name, "")
            column = mapping[name]
            if name in REQUIRED and not value:
                errors.append(RowError(number, column, "không được để trống."))
            elif limits[name] and len(value) > limits[name]:
                errors.append(RowError(number, column, f"dài quá {limits[name]} ký tự."))
        code = record["code"]
        if code and not CODE.match(code):
            errors.append(RowError(number, mapping["code"], f"mã “{code}” không hợp lệ."))
        elif code in seen:
            errors.append(RowError(
                number, mapping["code"], f"mã “{code}” trùng với dòng {seen[code]}."
            ))  # fmt: skip
        seen.setdefault(code, number)
        records.append(record)
    return records, errors


def import_rows(site, rows, mapping=None, dry_run=False):
    """Check, then (unless a dry run, and only when every row is clean) write for `site`."""
    records, errors = parse(rows, mapping)
    report = Report(rows=len(records), errors=errors)
    if errors:
        return report
    with transaction.atomic():
        existing = {p.code: p for p in Procedure.objects.filter(site=site)}
        new, changed = [], []
        for record in records:
            procedure = existing.get(record["code"])
            if procedure is None:
                procedure = Procedure(site=site, **record)
                procedure.derive_fields()
                new.append(procedure)
            elif not procedure.is_active or any(
                getattr(procedure, key) != value for key, value in record.items()
            ):
                for key, value in record.items():
                    setattr(procedure, key, value)
                procedure.is_active = True  # listed again: in force again
                procedure.derive_fields()
                changed.append(procedure)
        report.created, report.updated = len(new), len(changed)
        report.unchanged = len(records) - len(new) - len(changed)
        if dry_run or not (new or changed):
            return report
        for procedure in changed:
            procedure.updated_at = timezone.now()  # bulk_update does not apply auto_now
        Procedure.objects.bulk_create(new)
        Procedure.objects.bulk_update(changed, [*FIELDS, "field_slug", "is_active", "updated_at"])
        codes = [p.code for p in new + changed]
        # Bulk writes send no signals: the search index and the shared pages are told here.
        reindex(Procedure.objects.filter(site=site, code__in=codes))
        bump_on_commit([site.pk], with_children=True)
        report.written = True
    return report
