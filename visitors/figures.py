"""The four numbers of a site, defined once as expressions over its rows (DESIGN.md "Visitor
counters"): the sidebar reads one site's (counter.read_numbers), the platform table every site's,
each in one query whatever the history's size: "online" is an index range of the site's keys
seen in the window, "today" and "week" at most seven of its day rows, "total" its one row.
"""

from datetime import timedelta

from django.db.models import Count, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from . import conf
from .models import ActiveVisitor, DailyStats, VisitorTotals


def _scalar(queryset, aggregate):
    """One number of the outer site's rows (0 when it has none)."""
    rows = queryset.filter(site=OuterRef("pk")).order_by().values("site")
    return Coalesce(Subquery(rows.annotate(n=aggregate).values("n")[:1]), Value(0))


def figures(moment, local_day):
    """{name: expression} for a queryset of sites, at `moment` (local_day: its local date)."""
    today = local_day(moment)
    monday = today - timedelta(days=today.weekday())
    online_since = moment - timedelta(seconds=conf.get("VISITORS_ONLINE_WINDOW"))
    totals = VisitorTotals.objects
    return {
        "online": _scalar(ActiveVisitor.objects.filter(last_seen__gte=online_since), Count("*")),
        "today": _scalar(DailyStats.objects.filter(day=today), Sum("visits")),
        "week": _scalar(DailyStats.objects.filter(day__gte=monday, day__lte=today), Sum("visits")),
        "total": _scalar(totals, Sum(F("baseline") + F("visits"))),
        "baseline": _scalar(totals, Sum("baseline")),
    }


def with_figures(sites, clock):
    """`sites` (a queryset of sites.Site) annotated with their numbers now."""
    return sites.annotate(**figures(clock.now(), clock.local_day))
