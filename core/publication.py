"""What the public sees, written once: approved, its time has come, and not yet expired.

    approved  and  start <= now  and  (end is empty  or  end > now)

The article keeps the three facts in `status`, `published_at` and `expires_at`; the search
index keeps its copies in `public`, `visible_from` and `visible_until`. Each names its columns
with a `Publication`, and everything that asks "is it public?" asks it: the articles' queryset,
`Article.is_public`, the index's `visible()`, the admin's "scheduled" and "expired" filters and
the cache invalidation. The time is checked when asked, so a scheduled article appears and an
expired one disappears by themselves, without a job.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class Publication:
    """The columns of one model that the rule reads."""

    approved: str  # the column that says an editor approved it ...
    approved_value: Any  # ... when it holds this value
    start: str  # not before (required: an empty start is never public)
    end: str  # not from (empty: never expires)

    def approved_q(self):
        return Q(**{self.approved: self.approved_value})

    def live_q(self, now=None):
        now = now or timezone.now()
        return Q(**{self.approved: self.approved_value, f"{self.start}__lte": now}) & (
            Q(**{f"{self.end}__isnull": True}) | Q(**{f"{self.end}__gt": now})
        )

    def scheduled_q(self, now=None):
        """Approved, waiting for its time."""
        now = now or timezone.now()
        return Q(**{self.approved: self.approved_value, f"{self.start}__gt": now})

    def expired_q(self, now=None):
        """Approved, past its end."""
        now = now or timezone.now()
        return Q(**{self.approved: self.approved_value, f"{self.end}__lte": now})

    # The same rule on an object in memory (a row just saved, a row being displayed).
    def is_approved(self, obj):
        return getattr(obj, self.approved) == self.approved_value

    def is_live(self, obj, now=None):
        now = now or timezone.now()
        start, end = getattr(obj, self.start), getattr(obj, self.end)
        return (
            self.is_approved(obj)
            and start is not None
            and start <= now
            and (end is None or end > now)
        )

    def is_scheduled(self, obj, now=None):
        start = getattr(obj, self.start)
        return self.is_approved(obj) and start is not None and start > (now or timezone.now())

    def is_expired(self, obj, now=None):
        end = getattr(obj, self.end)
        return self.is_approved(obj) and end is not None and end <= (now or timezone.now())
