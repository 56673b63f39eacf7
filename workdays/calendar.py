"""Working days: Monday to Friday, corrected by the exceptions table (models.DayException).

Every deadline the law counts in working days reads these functions: the citizen-reception
schedule published 05 working days ahead, maintenance announced 07 working days ahead, replies
due 10 working days after receipt. The numbers themselves are settings (settings.py,
"Shared calendar"), never constants here.

Counting follows the strict reading of "trước ít nhất N ngày làm việc": the days counted lie
strictly between the two dates (neither the day of the notice nor the day of the event counts),
and "within N working days of receipt" ends on the N-th working day after the day of receipt.

A calendar object reads the exceptions of a year at most once, so a computation costs one query
per year it touches; nothing is kept between calls, because a superuser may edit the table on
another process at any moment.
"""

from datetime import date, timedelta

from django.utils import timezone

from .models import DayException

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
ONE_DAY = timedelta(days=1)
# Longest run of consecutive days off the law knows is Tết (about 9 days with the weekends); a
# loop that walks further than this many years without finding a working day has a bad table.
MAX_YEARS = 3


def today():
    """The local date in Asia/Ho_Chi_Minh (tests pass their own dates instead)."""
    return timezone.localdate()


class WorkingCalendar:
    def __init__(self):
        self._years = {}

    def _exceptions(self, year):
        if year not in self._years:
            rows = DayException.objects.filter(day__year=year).values_list("day", "kind")
            self._years[year] = {day: kind == DayException.Kind.WORKING_DAY for day, kind in rows}
        return self._years[year]

    def is_working_day(self, day):
        exceptions = self._exceptions(day.year)
        if day in exceptions:
            return exceptions[day]
        return day.weekday() < 5

    def _walk(self, start, n, step):
        if n < 0:
            raise ValueError("n must be zero or more")
        day, found = start, 0
        limit = start + step * 366 * MAX_YEARS
        while found < n:
            day += step
            if day == limit:
                raise ValueError("no working day found: check the exceptions table")
            if self.is_working_day(day):
                found += 1
        return day

    def add(self, start, n):
        """The n-th working day after `start` (start itself never counts; n=0 gives start)."""
        return self._walk(start, n, ONE_DAY)

    def subtract(self, start, n):
        """The n-th working day before `start` (start itself never counts)."""
        return self._walk(start, n, -ONE_DAY)

    def between(self, first, last):
        """How many working days lie strictly between `first` and `last` (0 if none)."""
        count, day = 0, first + ONE_DAY
        while day < last:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count

    def latest_notice_day(self, event_day, n):
        """The last day a notice may appear and still give `n` working days before the event."""
        return self.subtract(event_day, n) - ONE_DAY

    def next_working_day(self, day):
        """`day` itself when it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.add(day, 1)


def is_working_day(day: date) -> bool:
    return WorkingCalendar().is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    return WorkingCalendar().add(start, n)


def working_days_between(first: date, last: date) -> int:
    return WorkingCalendar().between(first, last)


def latest_notice_day(event_day: date, n: int) -> date:
    return WorkingCalendar().latest_notice_day(event_day, n)
