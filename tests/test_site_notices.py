"""Site notices (issue 19): the banner a site's administrator schedules, the planned maintenance
rule (Nghị định 224/2026/NĐ-CP Điều 13: 07 working days ahead on the shared calendar, with the
expected recovery), and the static page nginx serves while the application is down."""

import time
from datetime import datetime, timedelta
from datetime import time as clock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from multisite import default_site
from notices import services
from notices.models import SiteNotice
from workdays.models import DayException

from .factories import make_site, make_user
from .test_notice_articles import page_cache  # noqa: F401 (a fixture)

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}
LEVEL = SiteNotice.Level


def monday_ahead(weeks=4):
    """A Monday some weeks ahead, 08:00 local: the notices below are announced then."""
    today = timezone.localdate()
    day = today + timedelta(days=7 * weeks - today.weekday())
    return timezone.make_aware(datetime.combine(day, clock(8)))


def at(moment, days, hour=22):
    """`days` after `moment`'s day, at `hour` local (a maintenance usually starts at night)."""
    day = timezone.localdate(moment) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, clock(hour)))


def maintenance(announced, start, **fields):
    values = {
        "level": LEVEL.MAINTENANCE, "text": "Nâng cấp máy chủ của Cổng thông tin.",
        "shown_from": announced, "shown_until": start + timedelta(hours=6),
        "maintenance_from": start, "recovery_at": start + timedelta(hours=4),
        "site": default_site(),
    }  # fmt: skip
    values.update(fields)
    return SiteNotice(**values)


def errors_of(notice):
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    return error.value.message_dict


@pytest.mark.django_db
def test_planned_maintenance_six_working_days_ahead_is_refused_seven_accepted():
    monday = monday_ahead()
    # Tuesday to Friday, Monday, Tuesday: 6 working days strictly between; Thursday gives 7.
    refused = errors_of(maintenance(monday, at(monday, 9)))  # Wednesday of the next week
    earliest = timezone.localdate(monday) + timedelta(days=10)
    assert f"sớm nhất được tạm dừng từ ngày {earliest:%d/%m/%Y}" in refused["maintenance_from"][0]
    assert "07 ngày làm việc" in refused["maintenance_from"][0]
    maintenance(monday, at(monday, 10)).full_clean()  # Thursday: accepted


@pytest.mark.django_db
def test_a_holiday_in_between_pushes_the_earliest_start_by_a_day():
    monday = monday_ahead()
    DayException.objects.create(
        day=timezone.localdate(monday) + timedelta(days=2), kind=DayException.Kind.DAY_OFF,
        name="Ngày lễ",
    )  # fmt: skip
    refused = errors_of(maintenance(monday, at(monday, 10)))  # Thursday: now only 6
    earliest = timezone.localdate(monday) + timedelta(days=11)
    assert f"từ ngày {earliest:%d/%m/%Y}" in refused["maintenance_from"][0]
    maintenance(monday, at(monday, 11)).full_clean()  # Friday: 7 again


@pytest.mark.django_db
def test_a_notice_dated_in_the_past_counts_from_when_it_is_written():
    # Shown "from last month" announces nothing last month: the count starts today.
    past = timezone.now() - timedelta(days=30)
    refused = errors_of(maintenance(past, at(timezone.now(), 3)))
    assert "maintenance_from" in refused


@pytest.mark.django_db
def test_planned_maintenance_names_its_start_and_expected_recovery():
    monday = monday_ahead()
    errors = errors_of(maintenance(monday, at(monday, 14), recovery_at=None))
    assert errors["recovery_at"] == [
        "Thông báo bảo trì có kế hoạch phải ghi thời điểm dự kiến hoạt động lại."
    ]
    errors = errors_of(maintenance(monday, at(monday, 14), maintenance_from=None))
    assert (
        "Thông báo bảo trì có kế hoạch phải ghi lúc bắt đầu tạm dừng." in errors["maintenance_from"]
    )


@pytest.mark.django_db
def test_an_unplanned_outage_is_never_blocked():
    now = timezone.now()
    SiteNotice(
        level=LEVEL.OUTAGE, text="Sự cố đường truyền, đang khắc phục.", shown_from=now,
        shown_until=now + timedelta(hours=2), maintenance_from=now, site=default_site(),
    ).full_clean()  # fmt: skip


@pytest.fixture
def site_admin(client):
    user = make_user("quantri", "Quản trị trang")
    client.force_login(user)
    return user


def admin_form(notice_from, start, level=LEVEL.MAINTENANCE, text="Bảo trì định kỳ hệ thống."):
    def split(moment, prefix):
        local = timezone.localtime(moment)
        return {
            f"{prefix}_0": local.strftime("%d/%m/%Y"),
            f"{prefix}_1": local.strftime("%H:%M:%S"),
        }

    data = {"level": level, "text": text, "enabled": "on"}
    data.update(split(notice_from, "shown_from"))
    data.update(split(start + timedelta(hours=6), "shown_until"))
    data.update(split(start, "maintenance_from"))
    data.update(split(start + timedelta(hours=4), "recovery_at"))
    return data


@pytest.mark.django_db
def test_the_site_administrator_is_told_the_earliest_date_in_the_form(client, site_admin):
    monday = monday_ahead()
    response = client.post("/admin/notices/sitenotice/add/", admin_form(monday, at(monday, 9)))
    assert response.status_code == 200
    earliest = timezone.localdate(monday) + timedelta(days=10)
    assert f"sớm nhất được tạm dừng từ ngày {earliest:%d/%m/%Y}" in response.content.decode()
    assert not SiteNotice.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_saving_writes_the_static_maintenance_page(client, site_admin, settings, tmp_path):
    settings.MAINTENANCE_PAGE_ROOT = tmp_path
    monday = monday_ahead()
    response = client.post("/admin/notices/sitenotice/add/", admin_form(monday, at(monday, 10)))
    assert response.status_code == 302
    notice = SiteNotice.objects.get()
    assert notice.site_id == default_site().pk
    page = (tmp_path / f"{default_site().domain}.html").read_text()
    assert "Bảo trì định kỳ hệ thống." in page
    recovery = timezone.localtime(notice.recovery_at).strftime("%H:%M %d/%m/%Y")
    assert f"Dự kiến hoạt động lại lúc {recovery}" in page
    # The default site's page is also nginx's fallback for a host no file names.
    assert (tmp_path / services.DEFAULT_FILE).read_text() == page
    # Deleted: the page says only that the portal is down for a while.
    client.post(f"/admin/notices/sitenotice/{notice.pk}/delete/", {"post": "yes"})
    page = (tmp_path / f"{default_site().domain}.html").read_text()
    assert "Bảo trì định kỳ hệ thống." not in page and "tạm ngừng phục vụ" in page


@pytest.mark.django_db
def test_an_editor_cannot_schedule_site_notices(client):
    client.force_login(make_user("bientap", "Biên tập viên"))
    assert client.get("/admin/notices/sitenotice/add/").status_code == 403


@pytest.mark.django_db
def test_each_site_writes_its_own_page_and_shows_its_own_banner(client, settings, tmp_path):
    settings.MAINTENANCE_PAGE_ROOT = tmp_path
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "hoaloi.vinhlong.gov.vn"]
    other = make_site("hoaloi.vinhlong.gov.vn", "hoaloi", site_name="Xã Hòa Lợi")
    now = timezone.now()
    services.save_notice(SiteNotice(
        site=other, level=LEVEL.OUTAGE, text="Xã Hòa Lợi: sự cố mất điện.",
        shown_from=now - timedelta(minutes=1), shown_until=now + timedelta(hours=1),
    ))  # fmt: skip
    services.write_all_pages()
    assert "sự cố mất điện" in (tmp_path / "hoaloi.vinhlong.gov.vn.html").read_text()
    assert "sự cố mất điện" not in (tmp_path / f"{default_site().domain}.html").read_text()
    assert (
        "sự cố mất điện"
        in client.get("/", HTTP_HOST="hoaloi.vinhlong.gov.vn", **UA).content.decode()
    )
    assert "sự cố mất điện" not in client.get("/", **UA).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache")
def test_the_banner_appears_and_disappears_on_time_through_the_page_cache(client):
    now = timezone.now()
    notice = services.save_notice(SiteNotice(
        site=default_site(), level=LEVEL.WARNING, text="Cảnh báo giả mạo trang thông tin.",
        shown_from=now + timedelta(seconds=6), shown_until=now + timedelta(seconds=9),
    ))  # fmt: skip
    for url in ("/", "/so-do-trang/"):
        client.get(url, **UA)
        response = client.get(url, **UA)
        assert response["X-Page-Cache"] == "hit" and notice.text not in response.content.decode()
    time.sleep(max(0.0, (notice.shown_from - timezone.now()).total_seconds()) + 0.3)
    for url in ("/", "/so-do-trang/"):
        html = client.get(url, **UA).content.decode()
        assert notice.text in html, url
        # Accessible: a region with its heading, the level in words.
        assert 'role="region"' in html and ">Cảnh báo</h2>" in html
    time.sleep(max(0.0, (notice.shown_until - timezone.now()).total_seconds()) + 0.3)
    for url in ("/", "/so-do-trang/"):
        assert notice.text not in client.get(url, **UA).content.decode(), url


@pytest.mark.django_db
def test_a_failure_to_read_notices_never_breaks_the_page(client, monkeypatch):
    from django.db import DatabaseError

    from notices.banner import Banner

    now = timezone.now()
    services.save_notice(SiteNotice(
        site=default_site(), level=LEVEL.INFO, text="Lịch nghỉ Tết.",
        shown_from=now - timedelta(hours=1), shown_until=now + timedelta(hours=1),
    ))  # fmt: skip
    assert "Lịch nghỉ Tết." in client.get("/", **UA).content.decode()

    def broken(self, site):
        raise DatabaseError("locked")

    monkeypatch.setattr(Banner, "notices", broken)
    response = client.get("/so-do-trang/", **UA)
    assert response.status_code == 200 and "Lịch nghỉ Tết." not in response.content.decode()


@pytest.mark.django_db
def test_the_banner_costs_no_query_once_this_process_knows_the_notices(client):
    now = timezone.now()
    services.save_notice(SiteNotice(
        site=default_site(), level=LEVEL.INFO, text="Lịch nghỉ Tết.",
        shown_from=now - timedelta(hours=1), shown_until=now + timedelta(hours=1),
    ))  # fmt: skip
    client.get("/so-do-trang/", **UA)  # this process reads the site's notices once
    with CaptureQueriesContext(connection) as first:
        html = client.get("/so-do-trang/", **UA).content.decode()
    assert "Lịch nghỉ Tết." in html
    assert not [q for q in first.captured_queries if "notices_sitenotice" in q["sql"]]


@pytest.mark.django_db
def test_nginx_serves_the_sites_maintenance_page_while_the_application_is_down(settings, tmp_path):
    """deploy/nginx/chauthanh.conf on loopback with no application behind it: each host gets
    the page its site's notices wrote; a host without one, the default site's."""
    import os

    from .conftest import require
    from .servers import NGINX, NGINX_BROTLI, fetch, free_port, start_nginx, stop

    require(os.path.exists(NGINX), "nginx (apt-get install nginx)")
    require(os.path.exists(NGINX_BROTLI), "nginx's Brotli module")
    settings.MAINTENANCE_PAGE_ROOT = tmp_path / "maintenance"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "hoaloi.vinhlong.gov.vn"]
    other = make_site("hoaloi.vinhlong.gov.vn", "hoaloi", site_name="Xã Hòa Lợi")
    monday = monday_ahead()
    services.save_notice(maintenance(monday, at(monday, 10), site=other,
                                     text="Xã Hòa Lợi nâng cấp hệ thống."))  # fmt: skip
    services.write_all_pages()
    nginx = start_nginx(
        tmp_path / "nginx", free_port(), settings.BASE_DIR / "static", tmp_path,
        maintenance_root=settings.MAINTENANCE_PAGE_ROOT,
    )  # fmt: skip
    try:
        url = f"https://127.0.0.1:{nginx.https_port}/tin-tuc/"
        status, headers, body = fetch(url, headers={"Host": "hoaloi.vinhlong.gov.vn"})
        default_status, _, default_body = fetch(url, headers={"Host": "khong-co.gov.vn"})
    finally:
        stop(nginx)
    page = body.decode()
    assert status == 502 and "Xã Hòa Lợi nâng cấp hệ thống." in page
    assert "Dự kiến hoạt động lại lúc" in page and 'lang="vi"' in page
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert default_status == 502 and "tạm ngừng phục vụ" in default_body.decode()
    assert "Xã Hòa Lợi" not in default_body.decode()


@pytest.mark.django_db
def test_the_maintenance_page_is_valid_html(settings, tmp_path):
    from .test_html_validity import run_vnu

    settings.MAINTENANCE_PAGE_ROOT = tmp_path
    monday = monday_ahead()
    services.save_notice(maintenance(monday, at(monday, 10)))
    pages = services.write_page(default_site())
    code, output = run_vnu(pages)
    assert code == 0, output
