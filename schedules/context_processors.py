"""The home widget's data ("Lịch công tác hôm nay"), lazy: read only by a page that shows it."""

from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

from . import clock, services


@dataclass
class Today:
    day: object
    entries: list


def today(request):
    def read():
        day = clock.today()
        return Today(day, services.day_entries(site_of(request), day))

    return {"schedule_today": SimpleLazyObject(read)}
