"""The schedules' clock: views and widgets ask it for "now", tests replace it (an injected clock
for the week's boundaries and today's widget at 23:59 and 00:00, Asia/Ho_Chi_Minh)."""

from datetime import timedelta

from django.utils import timezone


def now():
    return timezone.now()


def today():
    """The local date (TIME_ZONE, Asia/Ho_Chi_Minh) at `now()`."""
    return timezone.localdate(now())


def monday_of(day):
    """The Monday that opens the week of `day` (weeks run Thứ Hai to Chủ Nhật)."""
    return day - timedelta(days=day.weekday())
