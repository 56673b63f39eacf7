"""Documents carrying active content are refused (issue 21, finding 10): JavaScript or launch
actions in a PDF, macros or ActiveX in a Word file, however they are hidden."""

import io
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from documents.validators import validate_document_file

from .test_document_admin import PDF, add_form, admin_client, docx_bytes  # noqa: F401


def pdf(*objects, trailer=b"<< /Root 1 0 R >>"):
    """A small well-formed PDF made of the given object bodies (numbered from 1)."""
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def object_stream(body):
    """`body` inside a compressed object stream (PDF 1.5): invisible to a plain byte search."""
    data = zlib.compress(b"4 0 " + body)
    head = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>" % len(data)
    return head + b"\nstream\n" + data + b"\nendstream"


ACTIVE_PDFS = {
    "JavaScript on opening": pdf(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
        PAGES, PAGE,
    ),
    "a document-level script": pdf(
        b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 4 0 R >> >>", PAGES, PAGE,
        b"<< /Names [(a) << /S /JavaScript /JS (app.alert(1)) >>] >>",
    ),
    "a launch action on a page": pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>", PAGES,
        b"<< /Type /Page /Parent 2 0 R /AA << /O << /S /Launch /F (cmd.exe) >> >> >>",
    ),
    "a name spelt with hex escapes": pdf(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (x) >> >>",
        PAGES, PAGE,
    ),
    "a script inside a compressed object stream": pdf(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", PAGES, PAGE,
        object_stream(b"<< /S /JavaScript /JS (app.alert(1)) >>"),
    ),
}  # fmt: skip


def docx(*extra):
    """A minimal DOCX with `extra` parts (replacing the defaults of the same name)."""
    parts = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
    parts.update(extra)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ACTIVE_WORD_FILES = {
    "a .docm renamed .docx": docx(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macros")),
    "a macro project under another name": docx(
        ("[Content_Types].xml", '<Types><Override ContentType="application/vnd.ms-word.'
         'vbaProject" PartName="/word/x.bin"/></Types>'),
    ),
    "ActiveX controls": docx(("word/activeX/activeX1.xml", "<ax:ocx/>")),
}  # fmt: skip
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
ACTIVE_DOC = OLE2 + "_VBA_PROJECT_CUR".encode("utf-16-le") + b"\x00" * 64


ACTIVE = {"DOC: a macro project": ("quyet-dinh.doc", ACTIVE_DOC, "macro")}
ACTIVE.update({f"PDF: {k}": ("a.pdf", v, "JavaScript") for k, v in ACTIVE_PDFS.items()})
ACTIVE.update({f"DOCX: {k}": ("a.docx", v, "macro") for k, v in ACTIVE_WORD_FILES.items()})


@pytest.mark.parametrize("case", ACTIVE)
def test_a_document_with_active_content_is_refused(case):
    name, content, named = ACTIVE[case]
    with pytest.raises(ValidationError) as refused:
        validate_document_file(SimpleUploadedFile(name, content))
    assert refused.value.code == "active_content"
    assert named in refused.value.messages[0]


@pytest.mark.parametrize(
    "name, content",
    [
        ("a.pdf", PDF),
        ("b.pdf", pdf(b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, PAGE)),
        # A page whose text speaks of JavaScript is not a script.
        ("c.pdf", pdf(b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, PAGE,
                      b"<< /Length 40 >>\nstream\nBT (JavaScript, JS, Launch) Tj ET\nendstream")),
        ("d.pdf", pdf(b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, PAGE,
                      object_stream(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times >>"))),
        ("e.docx", docx_bytes()),
        ("f.doc", OLE2),
    ],
)  # fmt: skip
def test_ordinary_documents_are_accepted(name, content):
    validate_document_file(SimpleUploadedFile(name, content))


@pytest.mark.django_db
def test_the_admin_form_says_why_in_vietnamese(admin_client):  # noqa: F811
    upload = SimpleUploadedFile("nghi-quyet.pdf", ACTIVE_PDFS["JavaScript on opening"])
    response = admin_client.post("/admin/documents/document/add/", add_form(file=upload))
    assert response.status_code == 200
    assert "chứa mã chạy được (JavaScript" in response.content.decode()
    assert not Document.objects.exists()
