"""The schedules' write path and the rules the admin and the public pages share.

Every writer (admin, shell, commands) goes through save_entry / publish / unpublish, so the
"Điều chỉnh" mark and the iCalendar SEQUENCE follow one rule.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from workdays.calendar import WEEKDAYS, WorkingCalendar

from . import clock
from .models import ReceptionDay, Status, WorkEntry

# Changing one of these after publication is an adjustment the public must see ("Điều chỉnh");
# the status and bookkeeping fields are not.
PUBLIC_FIELDS = {
    WorkEntry: {"day", "start", "end", "leaders", "content", "venue", "participants",
                "preparing_unit", "note"},
    ReceptionDay: {"day", "start", "end", "host", "venue", "note"},
}  # fmt: skip


def mark_changes(entry, user=None, changed=()):
    """Before `entry` is saved: its author when new; when published and a public field changed
    (`changed`: a form's changed_data, many-to-many fields included), the "Điều chỉnh" time and
    a raised SEQUENCE."""
    if entry._state.adding:
        if user is not None and entry.created_by_id is None:
            entry.created_by = user
    elif entry.status == Status.PUBLISHED and set(changed) & PUBLIC_FIELDS[type(entry)]:
        entry.adjusted_at = clock.now()
        entry.sequence += 1


def save_entry(entry, user=None, changed=()):
    """Save `entry` as every writer but the admin does (the admin calls mark_changes and saves
    the form's relations itself, in its own transaction)."""
    mark_changes(entry, user, changed)
    entry.save()
    return entry


def publish(queryset):
    """Publish the drafts among `queryset`; returns how many were published."""
    with transaction.atomic():
        drafts = list(queryset.select_for_update().filter(status=Status.DRAFT))
        for entry in drafts:
            entry.status = Status.PUBLISHED
            entry.published_at = clock.now()
            entry.save(update_fields=["status", "published_at", "updated_at"])
    return len(drafts)


def unpublish(queryset):
    """Take published entries back to draft (they leave the pages and the feeds)."""
    with transaction.atomic():
        entries = list(queryset.select_for_update().filter(status=Status.PUBLISHED))
        for entry in entries:
            entry.status = Status.DRAFT
            entry.sequence += 1
            entry.save(update_fields=["status", "sequence", "updated_at"])
    return len(entries)


# --- Public reading ----------------------------------------------------------------------------
@dataclass
class Day:
    date: object
    label: str  # "Thứ Hai"
    entries: list
    is_today: bool


def week(site, monday, today=None):
    """The seven days Thứ Hai … Chủ Nhật from `monday`, each with its published entries (one
    query whatever the number of entries and leaders: two with the leaders' prefetch)."""
    today = today or clock.today()
    sunday = monday + timedelta(days=6)
    entries = list(
        WorkEntry.objects.published().filter(site=site).between(monday, sunday)
        .prefetch_related("leaders")
    )  # fmt: skip
    days = []
    for offset, label in enumerate(WEEKDAYS):
        date = monday + timedelta(days=offset)
        days.append(Day(date, label, [e for e in entries if e.day == date], date == today))
    return days


def day_entries(site, date):
    return list(
        WorkEntry.objects.published().filter(site=site, day=date).prefetch_related("leaders")
    )


# --- The reception notice (Luật Tiếp công dân 2013, Điều 24 khoản 4) ------------------------
@dataclass
class NoticeWarning:
    entry: ReceptionDay
    deadline: object  # the last day it could be published and give N working days
    message: str


def reception_warning(site, today=None):
    """A Vietnamese warning when the next reception day is not (or was not) published at least
    RECEPTION_NOTICE_WORKING_DAYS working days ahead, counted on the shared calendar; None when
    it is in time (a draft still in time gets no warning: its deadline shows in the list)."""
    today = today or clock.today()
    n = settings.RECEPTION_NOTICE_WORKING_DAYS
    entry = (
        ReceptionDay.objects.filter(site=site, day__gte=today).select_related("host")
        .order_by("day", "start").first()
    )  # fmt: skip
    if entry is None:
        return None
    calendar = WorkingCalendar()
    deadline = calendar.latest_notice_day(entry.day, n)
    when = f"{entry.day:%d/%m/%Y}"
    if entry.status == Status.PUBLISHED:
        published_on = timezone.localdate(entry.published_at)
        if published_on <= deadline:
            return None
        given = calendar.between(published_on, entry.day)
        return NoticeWarning(
            entry, deadline,
            f"Ngày tiếp công dân {when} được công bố ngày {published_on:%d/%m/%Y}, chỉ trước "
            f"{given} ngày làm việc; luật yêu cầu ít nhất {n:02d} ngày làm việc (hạn công bố: "
            f"{deadline:%d/%m/%Y}).",
        )  # fmt: skip
    if today <= deadline:
        return None
    return NoticeWarning(
        entry, deadline,
        f"Ngày tiếp công dân {when} chưa được công bố và đã quá hạn {deadline:%d/%m/%Y} (phải "
        f"công bố trước ít nhất {n:02d} ngày làm việc). Hãy công bố ngay hoặc dời ngày tiếp.",
    )  # fmt: skip


def notice_deadline(entry):
    """The last day `entry` may be published in time (shown beside each reception day)."""
    return WorkingCalendar().latest_notice_day(entry.day, settings.RECEPTION_NOTICE_WORKING_DAYS)
