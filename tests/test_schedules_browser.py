"""Issue 17's browser acceptance, in Debian's Chromium through the real admin and pages: an
editor enters next week's schedule (and today's), an approver publishes it, the public week
and the home widget show it at 360 and 1280 px, an entry changed after publication shows
"Điều chỉnh", and the print layout holds the week on one A4 page."""

import time as timer
from datetime import time, timedelta

import pytest
from django.utils import timezone

from editorial.roles import APPROVER, EDITOR
from schedules.models import Status, WorkEntry

from .factories import make_person, make_user, make_work_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTENTS = [
    "Họp giao ban lãnh đạo Ủy ban nhân dân xã đầu tuần",
    "Làm việc với Hợp tác xã nông nghiệp về kế hoạch sản xuất vụ Đông Xuân 2026 - 2027",
    "Kiểm tra tiến độ xây dựng đường giao thông nông thôn ấp Phú Hòa",
    "Tiếp và làm việc với Đoàn kiểm tra công tác cải cách hành chính của tỉnh",
    "Dự Hội nghị tổng kết công tác Mặt trận Tổ quốc năm 2026",
    "Họp Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn",
]


def pdf_pages(pdf):
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def enter(page, live_server, day, start, content, leader):
    page.goto(live_server.url + "/admin/schedules/workentry/add/")
    page.fill("#id_day", day.strftime("%d/%m/%Y"))
    page.fill("#id_start", start)
    page.fill("#id_end", f"{int(start[:2]) + 2:02d}{start[2:]}")
    page.get_by_label(leader.name, exact=False).check()
    page.fill("#id_content", content)
    page.fill("#id_venue", "Hội trường Ủy ban nhân dân xã")
    page.fill("#id_participants", "Lãnh đạo UBND xã; công chức chuyên môn")
    page.fill("#id_preparing_unit", "Văn phòng HĐND và UBND xã")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:2000]


def test_editor_enters_the_week_approver_publishes_public_sees_it(office, live_server, browser):
    chair = make_person(name="Nguyễn Văn An", position="Chủ tịch UBND xã", order=1)
    make_user("bientap", EDITOR)
    make_user("duyet", APPROVER)
    today = timezone.localdate()
    next_monday = today + timedelta(days=7 - today.weekday())

    editor = office("bientap")
    started = timer.monotonic()
    enter(editor, live_server, today, "14:00", "Tiếp xúc cử tri ấp Hòa Lợi hôm nay", chair)
    for offset, content in enumerate(CONTENTS[:5]):
        enter(editor, live_server, next_monday + timedelta(days=offset), "07:30", content, chair)
    enter(editor, live_server, next_monday + timedelta(days=2), "14:00", CONTENTS[5], chair)
    entered = timer.monotonic() - started
    print(f"\nentering 7 entries through the admin took {entered:.1f} s")
    assert WorkEntry.objects.filter(status=Status.DRAFT).count() == 7

    # Nothing is public before the approver publishes.
    public = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = public.new_page()
    tab.goto(live_server.url + f"/lich-cong-tac/tuan/{next_monday.isoformat()}/")
    assert CONTENTS[0] not in tab.content()

    approver = office("duyet")
    approver.goto(live_server.url + "/admin/schedules/workentry/")
    approver.check("#action-toggle")
    approver.select_option("select[name=action]", "publish_selected")
    with approver.expect_navigation():
        approver.click("button[name=index]")
    assert "Đã công bố 7 mục." in approver.content()
    assert WorkEntry.objects.filter(status=Status.PUBLISHED).count() == 7

    # The approver corrects a published entry: it is marked "Điều chỉnh".
    entry = WorkEntry.objects.get(content=CONTENTS[5])
    approver.goto(live_server.url + f"/admin/schedules/workentry/{entry.pk}/change/")
    approver.fill("#id_venue", "Phòng họp số 2")
    with approver.expect_navigation():
        approver.click("input[name=_save]")

    for width in (360, 1280):
        tab.set_viewport_size({"width": width, "height": 800})
        tab.goto(live_server.url + f"/lich-cong-tac/tuan/{next_monday.isoformat()}/")
        text = tab.inner_text("main")
        for content in CONTENTS:
            assert content in text, (width, content)
        assert "Điều chỉnh lúc" in text and "Phòng họp số 2" in text
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (width, scroll)
        tab.goto(live_server.url + "/")
        widget = tab.inner_text(".schedule-today")
        assert "Lịch công tác hôm nay" in widget
        assert "Tiếp xúc cử tri ấp Hòa Lợi hôm nay" in widget

    # Printed, a busy week (two entries a working day, one on Saturday) holds one A4 page.
    for offset in range(6):
        make_work_entry(
            [chair], published=True, day=next_monday + timedelta(days=offset),
            start=time(16, 0), end=time(17, 30), content=CONTENTS[offset % 6],
            venue="Hội trường Ủy ban nhân dân xã", preparing_unit="Văn phòng HĐND và UBND xã",
            participants="Lãnh đạo UBND xã; công chức chuyên môn; đại diện các ấp",
        )  # fmt: skip
    tab.set_viewport_size({"width": 1280, "height": 800})
    tab.goto(live_server.url + f"/lich-cong-tac/tuan/{next_monday.isoformat()}/")
    tab.emulate_media(media="print")
    pdf = tab.pdf(format="A4", print_background=False)
    assert pdf_pages(pdf) == 1
    public.close()
