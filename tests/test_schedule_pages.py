"""The public pages of the schedules and procedures, per site, through the client."""

from datetime import UTC, date, datetime, time

import pytest
from django.urls import reverse

import multisite
from procedures import importing
from schedules import clock, services
from schedules.models import ReceptionDay, ReceptionInfo

from .factories import make_person, make_site, make_work_entry

pytestmark = pytest.mark.django_db


def at(monkeypatch, *moment):
    fixed = datetime(*moment, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: fixed)


def html(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_week_page_shows_published_entries_marks_today_and_links_the_weeks(client, monkeypatch):
    at(monkeypatch, 2026, 11, 25, 2, 0)  # Wednesday 25/11/2026, 09:00 in Vietnam
    make_work_entry([make_person(name="Lê Thị Mai")], published=True, day=date(2026, 11, 23),
                    content="Họp giao ban đầu tuần")  # fmt: skip
    make_work_entry(day=date(2026, 11, 24), content="Bản nháp chưa duyệt")
    body = html(client, "/lich-cong-tac/")
    assert "Lịch công tác tuần" in body and "23/11/2026 – 29/11/2026" in body
    assert "Họp giao ban đầu tuần" in body and "Lê Thị Mai" in body
    assert "Bản nháp chưa duyệt" not in body
    assert body.count("(Hôm nay)") == 1 and 'aria-current="date">Thứ Tư, 25/11/2026' in body
    for label in ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"):
        assert f">{label}, " in body
    assert 'href="/lich-cong-tac/tuan/2026-11-16/"' in body
    assert 'href="/lich-cong-tac/tuan/2026-11-30/"' in body
    # Any day of a week shows that week; the other week has no "today".
    other = html(client, "/lich-cong-tac/tuan/2026-12-03/")
    assert "30/11/2026 – 06/12/2026" in other and "(Hôm nay)" not in other


@pytest.mark.parametrize("url", [
    "/lich-cong-tac/tuan/2026-13-01/", "/lich-cong-tac/ngay/2026-02-30/",
    "/lich-cong-tac/tuan/9999-01-01/", "/lich-cong-tac/lanh-dao/999999.ics",
])  # fmt: skip
def test_bad_dates_and_unknown_leaders_are_404(client, url):
    assert client.get(url).status_code == 404


def test_adjusted_entry_shows_dieu_chinh_with_its_time(client, monkeypatch):
    at(monkeypatch, 2026, 11, 25, 2, 0)
    entry = make_work_entry(published=True, day=date(2026, 11, 26), content="Hội nghị")
    at(monkeypatch, 2026, 11, 25, 8, 5)  # 15:05 local
    entry.venue = "Hội trường B"
    services.save_entry(entry, changed=["venue"])
    body = html(client, "/lich-cong-tac/ngay/2026-11-26/")
    assert "Điều chỉnh lúc" in body and "15:05 25/11/2026" in body


def test_week_page_queries_do_not_grow(client, monkeypatch, content_version_read, site_resolved):
    at(monkeypatch, 2026, 11, 25, 2, 0)
    leaders = [make_person() for _ in range(3)]
    make_work_entry(leaders, published=True, day=date(2026, 11, 23))
    content_version_read()
    client.get("/lich-cong-tac/")  # warm the layout's fragments
    # the base layout (the sites version, the menu's categories, the latest documents, the
    # links, the footer's pages); the week's entries; their leaders; the leaders offered as
    # calendar feeds
    assert _queries(client) == 5 + 3
    for i in range(12):
        make_work_entry(leaders, published=True, day=date(2026, 11, 23 + i % 7))
    content_version_read()
    client.get("/lich-cong-tac/")
    assert _queries(client) == 5 + 3


def _queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get("/lich-cong-tac/").status_code == 200
    return len(captured)


def test_home_widget_at_2359_and_0000(client, monkeypatch):
    make_work_entry(published=True, day=date(2026, 11, 25), start=time(14, 0),
                    content="Tiếp xúc cử tri ấp Hòa Lợi")  # fmt: skip
    at(monkeypatch, 2026, 11, 25, 16, 59)  # 23:59 on 25/11 in Vietnam
    body = html(client, "/")
    assert "Lịch công tác hôm nay" in body and "Tiếp xúc cử tri ấp Hòa Lợi" in body
    at(monkeypatch, 2026, 11, 25, 17, 0)  # 00:00 on 26/11
    body = html(client, "/")
    assert "Tiếp xúc cử tri ấp Hòa Lợi" not in body
    assert "Hôm nay không có lịch công tác." in body and "26/11/2026" in body


def test_reception_page_shows_place_hours_and_published_days(client, monkeypatch):
    at(monkeypatch, 2026, 11, 25, 2, 0)
    ReceptionInfo.objects.create(place="Trụ sở UBND xã", hours="Các ngày làm việc trong tuần")
    host = make_person(name="Phạm Văn Hùng", position="Chủ tịch UBND xã")
    shown = ReceptionDay.objects.create(day=date(2026, 12, 10), start=time(7, 30), host=host)
    services.publish(ReceptionDay.objects.filter(pk=shown.pk))
    ReceptionDay.objects.create(day=date(2026, 12, 17), start=time(7, 30), host=host, note="nháp")
    body = html(client, "/lich-tiep-cong-dan/")
    assert "Trụ sở UBND xã" in body and "Các ngày làm việc trong tuần" in body
    assert "Thứ Năm, 10/12/2026" in body and "Phạm Văn Hùng" in body
    assert "17/12/2026" not in body


def test_each_site_shows_its_own_schedule_only(client, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    at(monkeypatch, 2026, 11, 25, 2, 0)
    commune = make_site("xa.example.vn", "xa-a", parent=multisite.default_site())
    make_work_entry(published=True, day=date(2026, 11, 25), content="Lịch của tỉnh")
    with multisite.context.using(commune):
        make_work_entry(published=True, day=date(2026, 11, 25), content="Lịch của xã")
    province = html(client, "/lich-cong-tac/")
    own = html(client, "/lich-cong-tac/", HTTP_HOST="xa-a.localhost")
    assert "Lịch của tỉnh" in province and "Lịch của xã" not in province
    assert "Lịch của xã" in own and "Lịch của tỉnh" not in own


# --- Procedures ---------------------------------------------------------------------------------
def procedures_table():
    header = [h for _, h, _ in importing.COLUMNS]
    return [
        header,
        ["1.001193", "Đăng ký khai sinh", "Hộ tịch", "Toàn trình", "", "", "", "", "", ""],
        ["1.000656", "Đăng ký khai tử", "Hộ tịch", "Một phần", "", "", "", "", "", ""],
        ["2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực", "", "", "", "", "", "", ""],
    ]


def test_procedures_list_by_field_and_search_without_diacritics(client):
    importing.import_rows(multisite.default_site(), procedures_table())
    body = html(client, "/thu-tuc-hanh-chinh/")
    assert "3 thủ tục" in body and "Hộ tịch (2)" in body and "Chứng thực (1)" in body
    by_field = html(client, "/thu-tuc-hanh-chinh/?linh-vuc=chung-thuc")
    assert "Chứng thực bản sao" in by_field and "Đăng ký khai sinh" not in by_field
    found = html(client, "/thu-tuc-hanh-chinh/?q=KHAI+SINH")
    assert "Đăng ký khai sinh" in found and "khai tử" not in found
    assert "Không có thủ tục nào phù hợp." in html(client, "/thu-tuc-hanh-chinh/?q=xyzxyz")


def test_procedure_page_links_the_online_service(client):
    importing.import_rows(multisite.default_site(), procedures_table())
    body = html(client, reverse("procedures:detail", args=["1.001193"]))
    assert "Đăng ký khai sinh" in body
    assert "dichvucong.gov.vn" in body and "ma_thu_tuc=1.001193" in body
    assert client.get("/thu-tuc-hanh-chinh/9.999999/").status_code == 404


def test_a_commune_shows_its_provinces_procedures_and_not_its_siblings(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    province = multisite.default_site()
    make_site("xa.example.vn", "xa-a", parent=province)
    sibling = make_site("xb.example.vn", "xa-b", parent=province)
    importing.import_rows(province, procedures_table())
    own = ["3.000001", "Thủ tục riêng của xã B", "Khác", *[""] * 7]
    with multisite.context.using(sibling):
        importing.import_rows(sibling, [procedures_table()[0], own])
    listed = html(client, "/thu-tuc-hanh-chinh/", HTTP_HOST="xa-a.localhost")
    assert "Đăng ký khai sinh" in listed and "Thủ tục riêng của xã B" not in listed
    detail = client.get("/thu-tuc-hanh-chinh/1.001193/", HTTP_HOST="xa-a.localhost")
    assert detail.status_code == 200
    assert (
        client.get("/thu-tuc-hanh-chinh/3.000001/", HTTP_HOST="xa-a.localhost").status_code == 404
    )
    found = html(client, "/tim-kiem/?q=khai+sinh", HTTP_HOST="xa-a.localhost")
    assert 'href="/thu-tuc-hanh-chinh/1.001193/"' in found  # (the title is highlighted)


# --- In search, the site map page and the menu ------------------------------------------------
def test_new_pages_are_in_the_menu_and_the_site_map(client):
    body = html(client, "/so-do-trang/")
    for path in ("/lich-cong-tac/", "/lich-tiep-cong-dan/", "/thu-tuc-hanh-chinh/"):
        assert f'href="{path}"' in body
    menu = html(client, "/")
    assert 'href="/lich-cong-tac/"' in menu and 'href="/thu-tuc-hanh-chinh/"' in menu


def test_published_schedule_is_found_by_search_and_a_draft_is_not(client):
    shown = make_work_entry(published=True, day=date(2026, 11, 23),
                            content="Kiểm tra công trình giao thông nông thôn")  # fmt: skip
    make_work_entry(day=date(2026, 11, 24), content="Bàn kế hoạch đối ngoại bí mật")
    found = html(client, "/tim-kiem/?q=cong+trinh+giao+thong")
    assert f'href="{shown.get_absolute_url()}"' in found and "Lịch công tác" in found
    assert 'href="/lich-cong-tac/ngay/2026-11-24/"' not in html(client, "/tim-kiem/?q=doi+ngoai")


def test_a_fault_in_todays_widget_leaves_the_home_page_served(client, monkeypatch):
    from django.db import DatabaseError

    def broken(site, day):
        raise DatabaseError("the schedules table is locked")

    monkeypatch.setattr(services, "day_entries", broken)
    body = html(client, "/")
    assert "Tạm thời chưa xem được lịch công tác" in body


def test_feeds_answer_conditional_requests(client):
    make_work_entry(published=True)
    first = client.get("/lich-cong-tac/lich.ics")
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/lich-cong-tac/lich.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
