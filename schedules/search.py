"""What search keeps of a work-schedule entry and a reception day: found by their content, venue
and day ("lich cong tac 01/12"), public once published."""

from datetime import datetime, time

from django.utils import timezone

from core.text import plain_text
from search.registry import Entry


def _moment(entry):
    return timezone.make_aware(datetime.combine(entry.day, entry.start or time.min))


def work_entry(entry):
    return Entry(
        title=f"Lịch công tác {entry.day:%d/%m/%Y}: {entry.content[:150]}",
        text=plain_text(" ".join(filter(None, [
            entry.content, entry.venue, entry.participants, entry.preparing_unit,
        ]))),
        url=entry.get_absolute_url(),
        public=entry.is_published,
        date=_moment(entry),
    )  # fmt: skip


def reception_entry(entry):
    return Entry(
        title=f"Lịch tiếp công dân {entry.day:%d/%m/%Y}",
        text=plain_text(" ".join(filter(None, [entry.venue, entry.note]))),
        url=entry.get_absolute_url(),
        public=entry.is_published,
        date=_moment(entry),
    )  # fmt: skip
