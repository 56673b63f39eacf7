"""The shared working-day calendar: weekends, holidays and Saturdays worked in exchange."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from workdays.calendar import (
    WorkingCalendar,
    add_working_days,
    is_working_day,
    latest_notice_day,
    working_days_between,
)
from workdays.models import DayException

pytestmark = pytest.mark.django_db

OFF, WORK = DayException.Kind.DAY_OFF, DayException.Kind.WORKING_DAY


def holiday(day, name="Ngày lễ"):
    return DayException.objects.create(day=day, kind=OFF, name=name)


def test_weekdays_work_and_weekends_rest():
    # Monday 23/11/2026 to Sunday 29/11/2026
    week = [date(2026, 11, d) for d in range(23, 30)]
    assert [is_working_day(d) for d in week] == [True] * 5 + [False] * 2


def test_exceptions_turn_days_both_ways():
    holiday(date(2026, 9, 2), "Quốc khánh")  # a Wednesday
    DayException.objects.create(day=date(2026, 9, 5), kind=WORK, name="Làm bù")  # a Saturday
    assert not is_working_day(date(2026, 9, 2))
    assert is_working_day(date(2026, 9, 5))


def test_adding_working_days_skips_weekends_and_holidays():
    friday = date(2026, 11, 27)
    assert add_working_days(friday, 0) == friday
    assert add_working_days(friday, 1) == date(2026, 11, 30)  # Monday
    holiday(date(2026, 11, 30))
    assert add_working_days(friday, 1) == date(2026, 12, 1)
    # Ten working days from a Friday: two weeks later, pushed by the Monday off.
    assert add_working_days(friday, 10) == date(2026, 12, 14)


def test_a_saturday_worked_counts():
    friday = date(2026, 11, 27)
    DayException.objects.create(day=date(2026, 11, 28), kind=WORK, name="Làm bù")
    assert add_working_days(friday, 1) == date(2026, 11, 28)


def test_counting_spans_a_new_year_and_tet():
    # Tết 2027 (illustrative dates): Friday 05/02 to Sunday 14/02 off.
    for d in range(5, 13):
        holiday(date(2027, 2, d), "Tết Nguyên đán")
    assert add_working_days(date(2027, 2, 4), 1) == date(2027, 2, 15)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)
    holiday(date(2027, 1, 1), "Tết Dương lịch")
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_days_between_are_counted_strictly_inside():
    monday, next_monday = date(2026, 11, 23), date(2026, 11, 30)
    assert working_days_between(monday, next_monday) == 4  # Tue..Fri
    assert working_days_between(monday, monday) == 0
    assert working_days_between(next_monday, monday) == 0
    holiday(date(2026, 11, 25))
    assert working_days_between(monday, next_monday) == 3


def test_latest_notice_day_gives_exactly_the_days_asked():
    # A reception on Wednesday 09/12/2026 needs 5 working days' notice: Wed 02/12 leaves
    # Thu, Fri, Mon, Tue... only 4; Tue 01/12 leaves 5.
    event = date(2026, 12, 9)
    day = latest_notice_day(event, 5)
    assert day == date(2026, 12, 1)
    assert working_days_between(day, event) == 5
    assert working_days_between(date(2026, 12, 2), event) == 4


def test_latest_notice_day_across_a_weekend_and_a_listed_holiday():
    # A reception on Monday 07/12/2026; Friday 04/12 is a holiday. Counting back: Thu 03,
    # Wed 02, Tue 01, Mon 30/11, then (Fri 04, Sat, Sun skipped) Fri 27/11 is the fifth, so the
    # notice must be out on Thursday 26/11.
    holiday(date(2026, 12, 4))
    event = date(2026, 12, 7)
    assert latest_notice_day(event, 5) == date(2026, 11, 26)
    assert working_days_between(date(2026, 11, 26), event) == 5
    assert working_days_between(date(2026, 11, 27), event) == 4


def test_one_query_per_year_touched(django_assert_num_queries):
    calendar = WorkingCalendar()
    with django_assert_num_queries(2):  # the exceptions of 2026, then of 2027
        calendar.add(date(2026, 12, 1), 40)
        calendar.add(date(2026, 12, 1), 40)


def test_a_table_with_no_working_day_is_an_error_not_a_hang():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)


def test_only_superusers_reach_the_table(client, django_user_model):
    url = reverse("admin:workdays_dayexception_changelist")
    staff = django_user_model.objects.create_user("bientap", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403
    boss = django_user_model.objects.create_superuser("quantri", password="x")
    client.force_login(boss)
    holiday(date(2026, 9, 2), "Quốc khánh")
    page = client.get(url)
    assert page.status_code == 200
    assert "Quốc khánh" in page.content.decode() and "Thứ Tư" in page.content.decode()


def test_fixed_holidays_command_adds_each_once():
    out = StringIO()
    call_command("add_fixed_holidays", "2027", "--dry-run", stdout=out)
    assert DayException.objects.count() == 0
    call_command("add_fixed_holidays", "2027", stdout=out)
    call_command("add_fixed_holidays", "2027", stdout=out)
    days = sorted(DayException.objects.values_list("day", flat=True))
    assert days == [date(2027, 1, 1), date(2027, 4, 30), date(2027, 5, 1), date(2027, 9, 2)]
