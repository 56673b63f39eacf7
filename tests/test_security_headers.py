"""Headers on every response: CSP without inline script on public pages, and the rest."""

import re

import pytest
from django.core.management import call_command

from news.models import Article


@pytest.fixture
def report(db):
    call_command("loaddata", "nq35_report", verbosity=0)
    return Article.objects.get()


@pytest.mark.django_db
def test_public_pages_carry_the_security_headers(client, report):
    for url in ["/", report.get_absolute_url(), report.category.get_absolute_url(), "/van-ban/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp, url
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_style_the_policy_would_block(client, report):
    """What CSP would block: inline <script>/<style>, style="" and on* handler attributes."""
    for url in ["/", report.get_absolute_url(), "/van-ban/", "/khong-co/"]:
        html = client.get(url).content.decode()
        # JSON-LD (schema.org NewsArticle) is a data block the browser never runs: CSP allows it.
        executable = r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>"
        assert not re.search(executable, html), url
        assert "<style" not in html, url
        assert not re.search(r"\s(style|on[a-z]+)=", html), url


@pytest.mark.django_db
def test_error_pages_keep_their_styles_in_a_file(client):
    from django.test import RequestFactory

    from operations.views import server_error

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        html = server_error(RequestFactory().get("/")).content.decode()
    assert "<style" not in html and 'href="/static/css/error.css"' in html
    assert client.get("/static/css/error.css").status_code == 200


@pytest.mark.django_db
def test_admin_gets_a_policy_that_lets_its_editor_run(admin_client):
    response = admin_client.get("/admin/")
    assert response["Content-Security-Policy"] == (
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
    )
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_a_view_may_set_its_own_policy(rf):
    from django.http import HttpResponse

    from operations.middleware import SecurityHeadersMiddleware

    def pdf_frame(request):
        response = HttpResponse()
        response["Content-Security-Policy"] = "frame-ancestors 'self'"
        return response

    response = SecurityHeadersMiddleware(pdf_frame)(rf.get("/van-ban/xem/"))
    assert response["Content-Security-Policy"] == "frame-ancestors 'self'"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_reports_no_policy_violation_on_public_pages(page, live_server):
    call_command("loaddata", "nq35_report", verbosity=0)
    article = Article.objects.get()
    violations = []
    page.on(
        "console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text)
    )
    for url in ["/", article.get_absolute_url(), "/van-ban/"]:
        response = page.goto(live_server.url + url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert violations == []
