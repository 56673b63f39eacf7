"""No 500 anywhere: public URLs and query strings with malformed, hostile and odd input."""

from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news.models import Article

PAYLOADS = [
    "a" * 5000, "9" * 400, "-1", "0", "1e309", "NaN", "null", "[]", "{}", "%", "%%", "%zz",
    "%00", "\x00", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "../../../../etc/passwd",
    "..\\..\\windows\\win.ini", "//evil.example/", "%c0%af", "%ff%fe", "\ufeff", "\u202e",
    "' OR '1'='1", "1; DROP TABLE news_article;--", "\" UNION SELECT password FROM auth_user--",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "{{ 7*7 }}", "{% debug %}", "${7*7}", "%s%s%s%n", "Nghị quyết 35-NQ/TW", "nghi quyet 35",
    "Đảng ủy", "🙂🙂🙂", "ñ/ü/ß", "a/b/c/d/e/f", "?&=#", "page=2&page=x", "\r\nSet-Cookie: x=1",
]  # fmt: skip
PREFIXES = [
    "/", "/tin-tuc/", "/chuyen-muc/", "/van-ban/", "/media/", "/static/", "/trang/", "/rss/",
    "/tim-kiem/", "/visitors/", "/healthz/", "/admin/",
]  # fmt: skip
QUERIES = ["/?page=", "/van-ban/?page=", "/tim-kiem/?q=", "/?q=", "/healthz?x=", "/rss/?c="]


def encoded(payload):
    return quote(payload, safe="/%?=&")


@pytest.fixture
def site(db):
    call_command("loaddata", "nq35_report", verbosity=0)
    article = Article.objects.get()
    # The test client raises whatever a view raises: any 500 fails the test with its traceback.
    return Client(raise_request_exception=True), article


def generated_urls(article):
    category = article.category.get_absolute_url()
    queries = [*QUERIES, f"{category}?page=", f"{article.get_absolute_url()}?page="]
    for payload in PAYLOADS:
        for prefix in PREFIXES:
            yield prefix + encoded(payload)
            yield prefix + payload.replace("\x00", "%00").replace("\r\n", "%0d%0a")
        for query in queries:
            yield query + encoded(payload)
        yield f"/?{encoded(payload)}={encoded(payload)}"


def test_malformed_paths_and_parameters_never_give_a_500(site):
    client, article = site
    urls = set(generated_urls(article))
    assert len(urls) >= 500
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            assert b"<script>alert(1)</script>" not in response.content, url


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    prefix=st.sampled_from(PREFIXES),
    segment=st.text(min_size=0, max_size=300),
    key=st.text(max_size=40),
    value=st.text(max_size=400),
)
def test_generated_urls_never_give_a_500(site, prefix, segment, key, value):
    client, _ = site
    url = f"{prefix}{quote(segment)}?{quote(key)}={quote(value)}&page={quote(value)}"
    assert client.get(url).status_code < 500, url
