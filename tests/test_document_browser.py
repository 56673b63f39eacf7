"""The library in a real browser (Debian's Chromium): links from the report, a PDF opened."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def one_page_pdf(text):
    """A minimal valid PDF with one line of text (no external tool needed)."""
    stream = f"BT /F1 18 Tf 20 80 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_reader_follows_a_reference_to_the_document_and_opens_its_pdf(page, live_server):
    call_command("loaddata", "nq35_report", verbosity=0)
    from documents.models import Document
    from news.models import Article

    document = Document.objects.get(symbol="35-NQ/TW", issued_on=date(2018, 10, 22))
    document.file.save("nq35.pdf", ContentFile(one_page_pdf("Nghi quyet 35-NQ/TW")))
    article = Article.objects.get()

    page.goto(live_server.url + article.get_absolute_url())
    page.locator(".body a.doc-ref", has_text="35-NQ/TW").first.click()
    page.wait_for_url(f"**{document.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Nghị quyết số 35-NQ/TW ngày 22/10/2018"
    assert page.get_by_role("link", name=article.title).is_visible()

    # The PDF opens in the browser's own viewer (not as a download), under the sandbox CSP.
    with page.expect_response(f"**{document.get_file_url()}") as response_info:
        page.get_by_role("link", name="Xem văn bản (PDF").click()
    response = response_info.value
    assert response.status == 200
    assert "sandbox" in response.header_value("content-security-policy")
    assert viewer_shows_pdf(page)


def viewer_shows_pdf(page, attempts=60):
    """Chromium's PDF viewer puts its plugin <embed> in a frame of its own: look in all."""
    selector = 'embed[type="application/x-google-chrome-pdf"]'
    for _ in range(attempts):
        for frame in page.frames:
            try:
                if frame.locator(selector).count():
                    return True
            except Exception:  # noqa: S112 - a frame may detach while the viewer starts
                continue
        page.wait_for_timeout(250)
    return False
