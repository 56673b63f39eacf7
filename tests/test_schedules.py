"""Lịch công tác and lịch tiếp công dân: the rules behind the pages (issue 17).

The clock is injected (schedules.clock.now) for the week's boundaries, today's widget at 23:59
and 00:00 in Asia/Ho_Chi_Minh, and the 05-working-day warning across a weekend and a holiday.
"""

from datetime import UTC, date, datetime, time

import pytest
from django.urls import reverse
from icalendar import Calendar

import multisite
from schedules import clock, services
from schedules.models import ReceptionDay, Status, WorkEntry
from workdays.models import DayException

from .factories import make_person, make_user, make_work_entry

pytestmark = pytest.mark.django_db


def at(monkeypatch, *moment):
    """Set the schedules' clock to a UTC moment."""
    fixed = datetime(*moment, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: fixed)
    return fixed


# --- The week in Asia/Ho_Chi_Minh ---------------------------------------------------------------
def test_the_week_turns_at_local_midnight_between_sunday_and_monday(monkeypatch):
    # Sunday 29/11/2026 23:59:59 in Vietnam is 16:59:59 UTC; Monday 00:00 is 17:00 UTC.
    at(monkeypatch, 2026, 11, 29, 16, 59, 59)
    assert clock.monday_of(clock.today()) == date(2026, 11, 23)
    at(monkeypatch, 2026, 11, 29, 17, 0, 0)
    assert clock.monday_of(clock.today()) == date(2026, 11, 30)


def test_week_lists_published_entries_by_day_and_marks_today(monkeypatch):
    at(monkeypatch, 2026, 11, 25, 2, 0)  # Wednesday 25/11 09:00 local
    site = multisite.default_site()
    leader = make_person(name="Trần Thị Hoa")
    shown = make_work_entry([leader], published=True, day=date(2026, 11, 23))
    make_work_entry(published=False, day=date(2026, 11, 24))  # a draft
    make_work_entry(published=True, day=date(2026, 11, 30))  # next week
    days = services.week(site, date(2026, 11, 23))
    assert [d.label for d in days] == [
        "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật",
    ]  # fmt: skip
    assert days[0].entries == [shown]
    assert all(not d.entries for d in days[1:])
    assert [d.is_today for d in days] == [False, False, True, False, False, False, False]


def test_a_week_costs_two_queries_whatever_its_entries(django_assert_num_queries):
    site = multisite.default_site()
    leaders = [make_person() for _ in range(3)]
    for n in range(12):
        make_work_entry(leaders, published=True, day=date(2026, 11, 23 + n % 7))
    # 1. the week's published entries; 2. their leaders (prefetch)
    with django_assert_num_queries(2):
        days = services.week(site, date(2026, 11, 23), today=date(2026, 11, 23))
        names = [p.name for d in days for e in d.entries for p in e.leaders.all()]
    assert len(names) == 36


# --- Editors draft, approvers publish; a change after publication is an adjustment -------------
def test_publishing_and_adjusting_keep_the_entry_identity(monkeypatch):
    at(monkeypatch, 2026, 11, 25, 1, 0)
    entry = make_work_entry(published=True, day=date(2026, 11, 30))
    assert entry.status == Status.PUBLISHED and entry.adjusted_at is None
    uid = entry.uid
    at(monkeypatch, 2026, 11, 26, 3, 15)
    entry.venue = "Phòng họp số 2"
    services.save_entry(entry, changed=["venue"])
    entry.refresh_from_db()
    assert entry.uid == uid
    assert entry.adjusted_at == datetime(2026, 11, 26, 3, 15, tzinfo=UTC)
    assert entry.sequence == 1
    # A draft's edits are no adjustment: nothing was public yet.
    draft = make_work_entry()
    draft.venue = "Khác"
    services.save_entry(draft, changed=["venue"])
    assert draft.adjusted_at is None and draft.sequence == 0


def admin_post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def entry_form(leader, **overrides):
    data = {
        "day": "30/11/2026", "start": "07:30", "end": "09:00", "leaders": [leader.pk],
        "content": "Họp Ủy ban nhân dân xã thường kỳ tháng 12", "venue": "Hội trường",
        "participants": "", "preparing_unit": "Văn phòng", "note": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_editor_drafts_and_only_an_approver_publishes(client):
    leader = make_person()
    editor = make_user("bientap", "Biên tập viên")
    approver = make_user("duyet", "Duyệt bài")
    client.force_login(editor)
    admin_post(client, reverse("admin:schedules_workentry_add"), entry_form(leader))
    entry = WorkEntry.objects.get()
    assert entry.status == Status.DRAFT and entry.created_by == editor
    # The editor may not publish: the action is not offered, and a forged post does nothing.
    changelist = reverse("admin:schedules_workentry_changelist")
    assert "publish_selected" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "publish_selected", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT
    client.force_login(approver)
    admin_post(client, changelist, {"action": "publish_selected", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED and entry.published_at is not None
    # Published: the editor can no longer change it, the approver can, and it shows "Điều chỉnh".
    client.force_login(editor)
    change = reverse("admin:schedules_workentry_change", args=[entry.pk])
    form = entry_form(leader, venue="Phòng họp 2")
    client.post(change, form)
    entry.refresh_from_db()
    assert entry.venue == "Hội trường" and entry.adjusted_at is None
    client.force_login(approver)
    admin_post(client, change, form)
    entry.refresh_from_db()
    assert entry.venue == "Phòng họp 2" and entry.adjusted_at is not None


def test_an_editor_changes_only_their_own_drafts(client):
    leader = make_person()
    mine, theirs = make_user("a", "Biên tập viên"), make_user("b", "Biên tập viên")
    client.force_login(theirs)
    admin_post(client, reverse("admin:schedules_workentry_add"), entry_form(leader))
    entry = WorkEntry.objects.get()
    client.force_login(mine)
    change = reverse("admin:schedules_workentry_change", args=[entry.pk])
    client.post(change, entry_form(leader, content="Đổi nội dung"))
    entry.refresh_from_db()
    assert entry.content == "Họp Ủy ban nhân dân xã thường kỳ tháng 12"


def test_end_before_start_is_a_form_error(client):
    client.force_login(make_user("bientap", "Biên tập viên"))
    response = client.post(
        reverse("admin:schedules_workentry_add"),
        entry_form(make_person(), start="10:00", end="09:00"),
    )
    assert response.status_code == 200
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    assert not WorkEntry.objects.exists()


# --- iCalendar ------------------------------------------------------------------------------
def events(content):
    calendar = Calendar.from_ical(content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_feed_has_every_published_entry_in_local_time_and_no_draft(client, monkeypatch):
    at(monkeypatch, 2026, 11, 25, 1, 0)
    leader, other = make_person(name="Lê Văn Tám"), make_person()
    published = make_work_entry([leader], published=True, day=date(2026, 11, 30),
                                start=time(7, 30), end=time(11, 0))  # fmt: skip
    theirs = make_work_entry([other], published=True, day=date(2026, 12, 1), start=time(14, 0))
    draft = make_work_entry([leader], day=date(2026, 12, 2))
    response = client.get(reverse("schedules:feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response.content)
    assert set(found) == {f"{published.uid}@lich-cong-tac", f"{theirs.uid}@lich-cong-tac"}
    first = found[f"{published.uid}@lich-cong-tac"]
    start, end = first.decoded("dtstart"), first.decoded("dtend")
    assert (start.isoformat(), end.isoformat()) == (
        "2026-11-30T07:30:00+07:00", "2026-11-30T11:00:00+07:00"
    )  # fmt: skip
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert "Lê Văn Tám" in str(first["description"])
    assert f"{draft.uid}" not in response.content.decode()
    # The leader's own feed: only the entries that concern him.
    mine = client.get(reverse("schedules:leader-feed", args=[leader.pk]))
    assert set(events(mine.content)) == {f"{published.uid}@lich-cong-tac"}


def test_a_changed_entry_keeps_its_uid_and_raises_its_sequence(client, monkeypatch):
    at(monkeypatch, 2026, 11, 25, 1, 0)
    entry = make_work_entry(published=True, day=date(2026, 11, 30), start=time(7, 30))
    uid = f"{entry.uid}@lich-cong-tac"
    before = events(client.get(reverse("schedules:feed")).content)[uid]
    entry.start = time(8, 0)
    services.save_entry(entry, changed=["start"])
    after = events(client.get(reverse("schedules:feed")).content)
    assert list(after) == [uid]
    assert after[uid].decoded("dtstart").hour == 8
    assert int(after[uid]["sequence"]) == int(before["sequence"]) + 1
    assert "Điều chỉnh lúc" in str(after[uid]["description"])


def test_feed_of_another_sites_leader_is_404(client, settings):
    from .factories import make_site

    other = make_site("xa.example.vn", "xa-khac")
    with multisite.context.using(other):
        stranger = make_person()
    assert client.get(reverse("schedules:leader-feed", args=[stranger.pk])).status_code == 404


# --- Lịch tiếp công dân: 05 working days ahead ------------------------------------------------
def reception(day, published_on=None, **fields):
    entry = ReceptionDay.objects.create(day=day, start=time(7, 30), host=make_person(), **fields)
    if published_on is not None:
        entry.status = Status.PUBLISHED
        entry.published_at = datetime.combine(published_on, time(2, 0), tzinfo=UTC)
        entry.save()
    return entry


def test_warning_counts_working_days_across_a_weekend_and_a_holiday(settings):
    settings.RECEPTION_NOTICE_WORKING_DAYS = 5
    site = multisite.default_site()
    # Reception on Thursday 10/12/2026; Monday 07/12 is a listed holiday. Working days strictly
    # before it: Wed 9, Tue 8, (Mon 7 off), Fri 4, Thu 3, Wed 2 -> the notice must be out by
    # Tuesday 01/12 (a plain count of days, or one that ignored the holiday, says otherwise).
    DayException.objects.create(day=date(2026, 12, 7), name="Ngày nghỉ thử nghiệm")
    entry = reception(date(2026, 12, 10))
    assert services.notice_deadline(entry) == date(2026, 12, 1)
    assert services.reception_warning(site, today=date(2026, 12, 1)) is None  # still in time
    late = services.reception_warning(site, today=date(2026, 12, 2))
    assert late is not None and "chưa được công bố" in late.message
    assert "01/12/2026" in late.message
    # Published on the deadline: fine. Published a day later: warned, with the days it gave.
    entry.delete()
    reception(date(2026, 12, 10), published_on=date(2026, 12, 1))
    assert services.reception_warning(site, today=date(2026, 12, 3)) is None
    ReceptionDay.objects.all().delete()
    reception(date(2026, 12, 10), published_on=date(2026, 12, 2))
    warning = services.reception_warning(site, today=date(2026, 12, 3))
    assert "chỉ trước 4 ngày làm việc" in warning.message
    assert "ít nhất 05 ngày làm việc" in warning.message


def test_admin_shows_the_reception_warning_in_vietnamese(client, monkeypatch):
    at(monkeypatch, 2026, 12, 8, 2, 0)  # Tuesday 08/12/2026
    reception(date(2026, 12, 10))  # Thursday: 05 working days are long gone
    client.force_login(make_user("duyet", "Duyệt bài"))
    response = client.get(reverse("admin:schedules_receptionday_changelist"))
    body = response.content.decode()
    assert "Ngày tiếp công dân 10/12/2026 chưa được công bố và đã quá hạn" in body


def test_people_are_kept_by_the_site_administrator_not_by_editors(client):
    data = {"name": "Võ Thị Lan", "position": "Phó Chủ tịch UBND xã", "order": "2",
            "is_active": "on"}  # fmt: skip
    url = reverse("admin:people_person_add")
    client.force_login(make_user("bientap", "Biên tập viên"))
    assert client.post(url, data).status_code == 403
    client.force_login(make_user("quantri", "Quản trị trang"))
    admin_post(client, url, data)
    from people.models import Person

    person = Person.objects.get()
    assert person.name == "Võ Thị Lan" and person.site == multisite.default_site()


def test_editor_enters_a_reception_day_and_is_told_its_deadline(client, monkeypatch):
    at(monkeypatch, 2026, 12, 1, 2, 0)  # Tuesday 01/12/2026
    host = make_person(name="Phạm Văn Hùng")
    client.force_login(make_user("bientap", "Biên tập viên"))
    response = client.post(
        reverse("admin:schedules_receptionday_add"),
        {
            "day": "03/12/2026",
            "start": "07:30",
            "end": "11:00",
            "host": host.pk,
            "venue": "",
            "note": "",
        },  # fmt: skip
        follow=True,
    )
    body = response.content.decode()
    entry = ReceptionDay.objects.get()
    assert entry.status == Status.DRAFT and entry.created_by.username == "bientap"
    assert "Ngày tiếp công dân 03/12/2026 chưa được công bố và đã quá hạn" in body
