"""What the portal keeps of the people who use it, checked against what the privacy page says
(issue 21, finding 4): after visits, logins, failed logins and logouts with distinctive
addresses and browsers, every table and every log line is searched for them.

The privacy page says: readers' addresses and browsers are never stored (a keyed hash only);
a failed staff login keeps the user name and address, for the lock only, until the lock ends
(AXES_COOLOFF_MINUTES), and the nightly prune deletes what is left; application logs hold
neither; nginx's access log holds both, for the days its rotation keeps (docs/deploy.md).
"""

import json
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from editorial.roles import EDITOR
from operations.logging import JsonFormatter

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

READER = {"ip": "203.113.77.201", "ua": "Mozilla/5.0 (X11; Linux) Firefox/120.0 DocGiaThu7f3a"}
STAFF = {"ip": "198.51.100.77", "ua": "Mozilla/5.0 (Windows NT 10.0) Chrome/131 BienTapVien5c1d"}
ATTACKER = {"ip": "192.0.2.199", "ua": "Mozilla/5.0 (Macintosh) Safari/605 KeDoMatKhau9e2b"}
LOGIN = "/admin/login/?next=/admin/"


def headers(who):
    return {"REMOTE_ADDR": who["ip"], "HTTP_USER_AGENT": who["ua"]}


def rows_holding(text):
    """(table, row) pairs of the whole database whose any column holds `text`."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                values = [
                    v.decode("latin-1") if isinstance(v, bytes | memoryview) else str(v)
                    for v in (bytes(v) if isinstance(v, memoryview) else v for v in row)
                ]
                if any(text in value for value in values):
                    found.append((table, row))
    return found


@pytest.fixture
def log_lines(caplog):
    """Every log line the application writes, as the production formatter writes it."""
    caplog.set_level(logging.DEBUG)
    formatter = JsonFormatter()
    # The traffic is made while the test is set up: those records are kept apart from the call's.
    return lambda: [
        formatter.format(record) for record in caplog.get_records("setup") + caplog.records
    ]


@pytest.fixture
def traffic(client, settings, log_lines):
    """Readers' visits, a staff login and logout, and an attacker's failed logins."""
    settings.VISITORS_CACHE_SECONDS = 0
    settings.VISITORS_FLUSH_SECONDS = 0
    call_command("loaddata", "nq35_report", verbosity=0)
    for url in ("/", "/van-ban/", "/tim-kiem/?q=nghi+quyet", "/chinh-sach-bao-mat/"):
        assert client.get(url, **headers(READER)).status_code in (200, 301, 302, 404)
    make_user("bientap", EDITOR)
    response = client.post(LOGIN, {"username": "bientap", "password": PASSWORD}, **headers(STAFF))
    assert response.status_code == 302
    client.get("/admin/", **headers(STAFF))
    client.post("/admin/logout/", **headers(STAFF))
    for _ in range(settings.AXES_FAILURE_LIMIT):  # up to the lock, which is logged
        client.post(LOGIN, {"username": "bientap", "password": "doan-sai"}, **headers(ATTACKER))
    return log_lines


def test_readers_and_staff_leave_no_address_and_no_browser_anywhere(traffic):
    for who in (READER, STAFF):
        assert rows_holding(who["ip"]) == [], who
        assert rows_holding(who["ua"].rsplit(" ", 1)[1]) == [], who
    for line in traffic():
        for who in (READER, STAFF, ATTACKER):
            assert who["ip"] not in line and who["ua"].rsplit(" ", 1)[1] not in line, line


def test_a_failed_login_keeps_the_name_and_address_only_while_the_lock_lasts(traffic, settings):
    # While the lock may apply: the address, for the lock; never the browser.
    holding = rows_holding(ATTACKER["ip"])
    assert [table for table, _ in holding] == ["axes_accessattempt"]
    assert rows_holding(ATTACKER["ua"].rsplit(" ", 1)[1]) == []
    # The lock is over: the nightly prune deletes what the next login did not.
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    call_command("prune_login_records", verbosity=0)
    assert rows_holding(ATTACKER["ip"]) == []


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client, traffic):
    html = client.get("/chinh-sach-bao-mat/").content.decode()
    assert "Không lưu địa chỉ IP, không lưu chuỗi User-Agent" in html
    assert "đăng nhập sai" in html and "15 phút" in html
    assert "nhật ký truy cập của máy chủ web" in html and "14 ngày" in html


def test_the_lock_is_logged_with_the_user_name_and_no_address_nor_browser(traffic):
    locked = [json.loads(line) for line in traffic() if "AXES" in line]
    assert locked, "the lock is logged"
    for entry in locked:
        assert "bientap" in entry["message"]
        assert ATTACKER["ip"] not in json.dumps(entry) and "KeDoMatKhau" not in json.dumps(entry)


def test_a_site_with_the_old_default_privacy_text_gets_the_new_one():
    import importlib

    from django.apps import apps

    from pages.defaults import PRIVACY
    from pages.models import Page

    migration = importlib.import_module("pages.migrations.0002_privacy_page_login_and_logs")
    Page.objects.filter(kind="bao-mat").update(body=migration._old_default())
    migration.update_default_text(apps, None)
    body = Page.objects.get(kind="bao-mat").body
    assert "Đăng nhập của Ban Biên tập" in body and "14 ngày" in body
    # An edited page is the editors' own: left as it is.
    Page.objects.filter(kind="bao-mat").update(body="<p>Nội dung riêng của đơn vị.</p>")
    migration.update_default_text(apps, None)
    assert Page.objects.get(kind="bao-mat").body == "<p>Nội dung riêng của đơn vị.</p>"
    assert PRIVACY.count("<h2>") == 8


def test_a_site_with_the_previous_default_privacy_text_learns_what_the_citizens_section_keeps():
    import importlib

    from django.apps import apps

    from pages.defaults import PRIVACY
    from pages.models import Page

    migration = importlib.import_module("pages.migrations.0004_privacy_page_citizens")
    previous = migration._previous_default()
    assert "Hỏi đáp, góp ý" not in previous and "Đăng nhập của Ban Biên tập" in previous
    Page.objects.filter(kind="bao-mat").update(body=previous)
    migration.update_default_text(apps, None)
    body = Page.objects.get(kind="bao-mat").body
    assert body == PRIVACY and "365 ngày" in body and "không được đánh dấu sẵn" in body
    migration.restore_previous_text(apps, None)
    assert Page.objects.get(kind="bao-mat").body == previous
    Page.objects.filter(kind="bao-mat").update(body="<p>Nội dung riêng của đơn vị.</p>")
    migration.update_default_text(apps, None)
    assert Page.objects.get(kind="bao-mat").body == "<p>Nội dung riêng của đơn vị.</p>"
