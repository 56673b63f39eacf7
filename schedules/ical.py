"""iCalendar feeds of the work schedule (RFC 5545, the `icalendar` package): one per site and
one per leader, read by phone calendars (subscribe to the URL).

Each entry keeps its UID for life and raises its SEQUENCE when it is adjusted, so a calendar
updates the event it has; an entry taken back to draft simply leaves the feed.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from . import clock
from .models import WorkEntry

# A subscription shows what is coming and the recent past; older entries stay on the site.
PAST_DAYS = 92


def entries_for(site, person=None):
    entries = WorkEntry.objects.published().filter(
        site=site, day__gte=clock.today() - timedelta(days=PAST_DAYS)
    )
    if person is not None:
        entries = entries.filter(leaders=person)
    return entries.prefetch_related("leaders").order_by("day", "start")


def _local(day, moment):
    return datetime.combine(day, moment, tzinfo=timezone.get_current_timezone())


def event_of(entry, origin):
    event = Event()
    event.add("uid", f"{entry.uid}@lich-cong-tac")
    event.add("sequence", entry.sequence)
    event.add("dtstamp", entry.adjusted_at or entry.published_at or entry.updated_at)
    event.add("dtstart", _local(entry.day, entry.start))
    if entry.end:
        event.add("dtend", _local(entry.day, entry.end))
    event.add("summary", entry.content.splitlines()[0][:200] if entry.content else "")
    details = [entry.content]
    leaders = ", ".join(person.name for person in entry.leaders.all())
    for label, value in (
        ("Lãnh đạo", leaders), ("Thành phần", entry.participants),
        ("Đơn vị chuẩn bị", entry.preparing_unit), ("Ghi chú", entry.note),
    ):  # fmt: skip
        if value:
            details.append(f"{label}: {value}")
    if entry.adjusted_at:
        details.append(f"Điều chỉnh lúc {timezone.localtime(entry.adjusted_at):%H:%M %d/%m/%Y}")
    event.add("description", "\n".join(details))
    if entry.venue:
        event.add("location", entry.venue)
    event.add("url", origin + entry.get_absolute_url())
    return event


def calendar_of(entries, name, origin):
    calendar = Calendar()
    calendar.add("prodid", "-//Trang thong tin dien tu//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    for entry in entries:
        calendar.add_component(event_of(entry, origin))
    calendar.add_missing_timezones()
    return calendar.to_ical()
