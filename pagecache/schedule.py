"""When public content changes by time alone: the next scheduled publication or expiry.

An edit bumps the content version, but the moment a scheduled article goes live, or an article
expires, changes nothing in the database: a cached page or fragment made before that moment must
not be served after it. Their lifetime is bounded here (PageCacheMiddleware, fragments).

Per site: a site's pages show its own articles and, on a parent's home, its children's (DESIGN.md
"Sites"), so its schedule is theirs. The moment is looked up once per site, content version and
process (one small query), and again once it has passed.
"""

import threading
from datetime import datetime, time, timedelta

from django.db.models import Max, Min, Q
from django.utils import timezone


def articles_shown_on(site_id):
    """The articles whose dates change what `site_id` shows: its own and its children's. The
    sites are a subquery on the profiles (IN, not an OR across a join: the planner then reads
    the sites' own index ranges, 0.5 ms where the OR walked all 100,000 articles of 100 sites
    for 85-200 ms)."""
    from multisite.models import SiteProfile
    from news.models import Article

    sites = SiteProfile.objects.filter(Q(pk=site_id) | Q(parent_id=site_id)).values("pk")
    return Article.objects.filter(site_id__in=sites)


def _around(queryset, now, *fields):
    """The latest of `fields` up to `now` and the earliest after it, over `queryset`: one query."""
    found = queryset.aggregate(
        **{f"{name}_before": Max(name, filter=Q(**{f"{name}__lte": now})) for name in fields},
        **{f"{name}_after": Min(name, filter=Q(**{f"{name}__gt": now})) for name in fields},
    )
    return (
        [found[f"{name}_before"] for name in fields],
        [found[f"{name}_after"] for name in fields],
    )


def changes_around(site_id, now):
    """(the latest moment up to `now`, the earliest after it) at which something the site
    shows appeared or disappeared by its own dates; None where there is none. Two queries:
    articles (published, expired, and a notice leaving the home's "Thông báo" block at its
    notice_until) and the site's own banner notices (issue 19). Documents and pages have no
    dates of their own."""
    from news.models.article import PUBLICATION
    from notices.models import SHOWN, SiteNotice

    published = articles_shown_on(site_id).filter(PUBLICATION.approved_q())  # the rule's approval
    before, after = _around(published, now, "published_at", "expires_at", "notice_until")
    banner = SiteNotice.objects.filter(SHOWN.approved_q(), site_id=site_id)
    banner_before, banner_after = _around(banner, now, "shown_from", "shown_until")
    before, after = before + banner_before, after + banner_after
    return (
        max((m for m in before if m is not None), default=None),
        min((m for m in after if m is not None), default=None),
    )


def seconds_to_midnight(now):
    """Whole seconds from `now` to the next local midnight (TIME_ZONE), at least 1: the date
    every page shows changes then."""
    local = timezone.localtime(now)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), local.tzinfo)
    midnight = timezone.make_aware(midnight.replace(tzinfo=None), local.tzinfo)
    return max(1, int((midnight - now).total_seconds()))


class Schedule:
    """This process's knowledge of each site's last and next change, for one content version of
    the site at a time: looked up once per version, and again once the next change has passed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._known = {}  # site id -> (version, last, next)

    def _around(self, site_id, version):
        now = timezone.now()
        with self._lock:
            known = self._known.get(site_id)
        if known is not None and known[0] == version and (known[2] is None or known[2] > now):
            return now, known[1], known[2]
        last, next_ = changes_around(site_id, now)
        with self._lock:
            self._known[site_id] = (version, last, next_)
        return now, last, next_

    def seconds_left(self, site_id, version, limit):
        """`limit`, or fewer: the seconds until the site's next change (0 when it is due now)."""
        now, _, at = self._around(site_id, version)
        # The header's date line (issue 20): nothing cached lives past local midnight.
        limit = min(limit, seconds_to_midnight(now))
        if at is None:
            return limit
        return max(0, min(limit, int((at - now).total_seconds())))

    def last_change(self, site_id, version):
        """The site's last scheduled publication or expiry that has passed, or None."""
        return self._around(site_id, version)[1]

    def forget(self):
        with self._lock:
            self._known = {}


schedule = Schedule()
