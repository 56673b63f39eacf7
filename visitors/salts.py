"""The daily keyed hash that names a visitor. Nothing that goes into it is stored."""

import hashlib
import hmac
import secrets
import threading

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import DailySalt


class DailySalts:
    """The salt of each local day, created once for all processes (in the database) and
    destroyed after two days, so old keys cannot be recomputed from guessed addresses.

    A process keeps today's salt in memory: one query a day, not one a page view.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.known = {}  # day -> salt; only the current day's

    def salt(self, day):
        salt = self.known.get(day)
        if salt is not None:
            return salt
        try:
            with transaction.atomic():
                salt = DailySalt.objects.get_or_create(
                    day=day, defaults={"salt": secrets.token_hex(32)}
                )[0].salt
        except IntegrityError:  # another process created it first
            salt = DailySalt.objects.get(day=day).salt
        # Keep today's and yesterday's salts (a visit may span midnight's request burst); older
        # ones are deleted so yesterday's keys can never be recomputed from guessed addresses.
        DailySalt.objects.filter(day__lt=day.fromordinal(day.toordinal() - 1)).delete()
        with self.lock:
            self.known = {day: salt}
        return salt

    def visitor_key(self, ip, user_agent, day):
        """Keyed hash of (day's salt, network, User-Agent): irreversible once the salt is gone."""
        key = (self.salt(day) + settings.SECRET_KEY).encode()
        message = f"{ip}\n{user_agent}".encode("utf-8", "surrogateescape")
        return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]
