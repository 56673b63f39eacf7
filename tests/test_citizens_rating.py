"""'Thông tin này có hữu ích không?': one anonymous vote per visitor key, page and day, an
endpoint that checks the Origin and the rate, and pages that keep their cache."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from citizens.models import Rating
from pagecache import version

from .factories import make_article, make_user

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36"


def rate(client, path, useful="co", origin="http://testserver", address="203.0.113.5", **extra):
    headers = {
        "HTTP_USER_AGENT": BROWSER,
        "REMOTE_ADDR": address,
        "HTTP_ACCEPT": "application/json",
    }
    if origin:
        headers["HTTP_ORIGIN"] = origin
    return client.post(
        reverse("citizens:rate"), {"trang": path, "huu-ich": useful}, **headers, **extra
    )


def test_one_vote_per_visitor_key_page_and_day(client):
    article = make_article()
    path = article.get_absolute_url()
    assert rate(client, path).json()["result"] == "ok"
    assert rate(client, path, useful="khong").json()["result"] == "again"
    assert rate(client, path, address="203.0.113.99").json()["result"] == "ok"  # another visitor
    assert Rating.objects.count() == 2
    row = Rating.objects.first()
    assert row.section == article.category.name and row.useful
    # no address, no User-Agent stored: a keyed hash of the day only
    assert "203.0.113" not in row.key and len(row.key) == 40


def test_keys_are_forgotten_once_their_day_is_over(client):
    path = make_article().get_absolute_url()
    rate(client, path)
    Rating.objects.update(day="2026-01-01")
    call_command("purge_citizen_data", stdout=StringIO())
    assert Rating.objects.get().key is None


def test_the_endpoint_checks_the_origin(client):
    path = make_article().get_absolute_url()
    assert rate(client, path, origin="http://evil.example").status_code == 403
    assert rate(client, path, origin=None).status_code == 403
    assert not Rating.objects.exists()


@pytest.mark.parametrize("path", ["/admin/", "/khong-co/", "http://x/", "/gui-y-kien/hoi-dap/"])
def test_only_public_pages_are_rated(client, path):
    assert rate(client, path).status_code == 400
    assert not Rating.objects.exists()


def test_the_rate_is_limited_per_network(client, settings):
    settings.CITIZENS_RATING_LIMIT = 3
    paths = [make_article().get_absolute_url() for _ in range(5)]
    answers = [rate(client, p, address=f"198.51.100.{n}").status_code for n, p in enumerate(paths)]
    assert answers == [200, 200, 200, 429, 429]
    assert Rating.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_page_keeps_its_cache_with_the_widget(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_VERSION_SECONDS = 3600
    version.forget()
    path = make_article().get_absolute_url()
    headers = {"HTTP_USER_AGENT": BROWSER}
    first = client.get(path, **headers)
    body = first.content.decode()
    assert "Thông tin này có hữu ích không?" in body
    assert "csrfmiddlewaretoken" not in body and not first.cookies
    assert client.get(path, **headers)["X-Page-Cache"] == "hit"
    rate(client, path)
    again = client.get(path, **headers)
    assert again["X-Page-Cache"] == "hit"  # a vote changes no content


def test_results_per_page_and_category_in_the_admin(client):
    article = make_article()
    rate(client, article.get_absolute_url())
    rate(client, article.get_absolute_url(), useful="khong", address="192.0.2.1")
    client.force_login(make_user("duyet", "Duyệt bài"))
    page = client.get(reverse("admin:citizens_rating_changelist")).content.decode()
    assert article.get_absolute_url() in page and article.category.name in page
    assert "50%" in page
    client.force_login(make_user("bien-tap", "Biên tập viên"))
    assert client.get(reverse("admin:citizens_rating_changelist")).status_code == 403
