"""Uploaded document files are checked by what they contain, not by what they are called."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from .active_content import ole_is_active, ooxml_is_active, pdf_is_active

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx"]
DEFAULT_MAX_FILE_SIZE = 30 * 1024 * 1024  # a scanned resolution of 40 pages fits

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (.doc)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
NAMES = {"pdf": "PDF", "doc": "Word (DOC)", "docx": "Word (DOCX)"}


def max_file_size():
    return getattr(settings, "DOCUMENTS_MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE)


def _head(file, n=1024):
    file.seek(0)
    head = file.read(n)
    file.seek(0)
    return head


def _is_docx(file):
    """A DOCX is a ZIP holding word/document.xml. Only the directory is read, never inflated."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)
    return "[Content_Types].xml" in names and "word/document.xml" in names


def content_matches(file, extension):
    head = _head(file)
    if extension == "pdf":
        # The header may follow a few bytes of junk (the PDF specification allows 1024).
        return b"%PDF-" in head
    if extension == "doc":
        return head.startswith(OLE2_MAGIC)
    if extension == "docx":
        return head.startswith(b"PK\x03\x04") and _is_docx(file)
    return False


def validate_document_file(value):
    """PDF, DOC or DOCX whose content is what its name says, within the size limit."""
    if not value:
        return
    # A file already in the storage was checked when it was uploaded.
    if getattr(value, "_committed", True) and not hasattr(value, "content_type"):
        return
    limit = max_file_size()
    if value.size > limit:
        raise ValidationError(
            "Tệp quá lớn (%(size)s); dung lượng tối đa là %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )
    extension = value.name.rsplit(".", 1)[-1].lower() if "." in value.name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            "Chỉ nhận tệp PDF, DOC hoặc DOCX.", code="invalid_extension"
        )  # the extension validator says the same; kept for direct calls
    file = value.file if hasattr(value, "file") else value
    if not content_matches(file, extension):
        raise ValidationError(
            "Nội dung tệp không phải là %(name)s hợp lệ (tệp có thể đã bị đổi tên đuôi). "
            "Hãy tải lên đúng tệp PDF, DOC hoặc DOCX.",
            code="invalid_content",
            params={"name": NAMES[extension]},
        )
    if has_active_content(file, extension):
        raise ValidationError(ACTIVE_CONTENT[extension], code="active_content")


ACTIVE_CONTENT = {
    "pdf": "Tệp PDF này chứa mã chạy được (JavaScript hoặc lệnh mở chương trình), không được "
    "đăng cho người đọc. Hãy xuất lại tệp PDF từ văn bản gốc (In → Lưu thành PDF) rồi tải lên.",
    "doc": "Tệp Word này chứa macro (mã chạy được), không được đăng cho người đọc. Hãy lưu lại "
    "thành tệp Word không có macro (DOCX) hoặc PDF rồi tải lên.",
}
ACTIVE_CONTENT["docx"] = (
    "Tệp Word này chứa macro hoặc điều khiển ActiveX (mã chạy được), không được đăng cho người "
    "đọc. Hãy lưu lại thành tệp Word không có macro (DOCX) hoặc PDF rồi tải lên."
)


def has_active_content(file, extension):
    """JavaScript or launch actions in a PDF, macros in a Word file (documents.active_content)."""
    if extension == "docx":
        return ooxml_is_active(file)
    file.seek(0)
    try:
        data = file.read()
    finally:
        file.seek(0)
    return pdf_is_active(data) if extension == "pdf" else ole_is_active(data)
