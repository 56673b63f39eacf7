"""Public pages of the schedules: the week, a day, citizen reception, and the iCalendar feeds."""

from datetime import date, timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from multisite.current import site_of
from pagecache.conditional import revalidated
from people.models import Person

from . import clock, ical, services
from .models import ReceptionDay, ReceptionInfo

# Far enough for any real schedule; keeps crawlers from walking an endless calendar.
FARTHEST = timedelta(days=366 * 5)


def _day(text):
    """A date from the URL, or 404 (a bad or far-away date is a page that does not exist)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Http404("Ngày không hợp lệ.") from None
    if abs(day - clock.today()) > FARTHEST:
        raise Http404("Ngày ngoài phạm vi lịch.")
    return day


def week(request, day=None):
    today = clock.today()
    monday = clock.monday_of(_day(day) if day else today)
    days = services.week(site_of(request), monday, today)
    return render(request, "schedules/week.html", {
        "days": days, "monday": monday, "sunday": monday + timedelta(days=6),
        "previous": monday - timedelta(days=7), "next": monday + timedelta(days=7),
        "is_this_week": monday == clock.monday_of(today), "today": today,
        "leaders": Person.objects.active().filter(site=site_of(request)),
        "menu_current": "@lich-cong-tac",
    })  # fmt: skip


def day(request, day):
    the_day = _day(day)
    return render(request, "schedules/day.html", {
        "day": the_day, "entries": services.day_entries(site_of(request), the_day),
        "previous": the_day - timedelta(days=1), "next": the_day + timedelta(days=1),
        "monday": clock.monday_of(the_day), "today": clock.today(),
        "menu_current": "@lich-cong-tac",
    })  # fmt: skip


def reception(request):
    site = site_of(request)
    today = clock.today()
    upcoming = ReceptionDay.objects.published().filter(site=site, day__gte=today)
    past = ReceptionDay.objects.published().filter(site=site, day__lt=today).order_by("-day")
    return render(request, "schedules/reception.html", {
        "info": ReceptionInfo.objects.filter(site=site).first(),
        "upcoming": upcoming.select_related("host"),
        "past": past.select_related("host")[:10],
        "menu_current": "@lich-tiep-cong-dan",
    })  # fmt: skip


def _origin(request):
    return request.build_absolute_uri("/").rstrip("/")


def _ics(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@revalidated(max_age=900)
def site_feed(request):
    site = site_of(request)
    name = f"Lịch công tác - {site.profile.site_name}"
    body = ical.calendar_of(
        ical.entries_for(site), name, request.build_absolute_uri("/").rstrip("/")
    )
    return _ics(body, "lich-cong-tac.ics")


@revalidated(max_age=900)
def leader_feed(request, pk):
    site = site_of(request)
    person = get_object_or_404(Person.objects.filter(site=site), pk=pk)
    name = f"Lịch công tác - {person.name}"
    body = ical.calendar_of(
        ical.entries_for(site, person), name, request.build_absolute_uri("/").rstrip("/")
    )
    return _ics(body, f"lich-cong-tac-{person.pk}.ics")
