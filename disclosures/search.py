"""What search keeps of a disclosure: its title and what it is (type, budget stage, period,
year), so "du toan ngan sach 2026" finds "Dự toán ngân sách năm 2026". Its files are found as
documents of the library, by their own entries."""

from core.text import plain_text
from search.registry import Entry


def disclosure_entry(disclosure):
    what = [disclosure.get_type_display(), disclosure.get_stage_display(),
            disclosure.period_label(), f"năm {disclosure.year}", disclosure.summary]  # fmt: skip
    return Entry(
        title=str(disclosure),
        text=plain_text(" ".join(filter(None, what))),
        url=disclosure.get_absolute_url(),
        public=disclosure.is_published,
        date=disclosure.published_at,
    )
