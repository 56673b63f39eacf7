"""The home widget's data ("Lịch công tác hôm nay"), lazy: read only by a page that shows it."""

import logging
from dataclasses import dataclass

from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

from . import clock, services

logger = logging.getLogger(__name__)


@dataclass
class Today:
    day: object
    entries: list
    unavailable: bool = False


def today(request):
    def read():
        day = clock.today()
        try:
            return Today(day, services.day_entries(site_of(request), day))
        except DatabaseError:
            # A side widget: its fault is logged and the home page is still served.
            logger.exception("today's work schedule could not be read")
            return Today(day, [], unavailable=True)

    return {"schedule_today": SimpleLazyObject(read)}
