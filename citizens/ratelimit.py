"""Rate limits per client network, counted in the database (every worker and server sees the
same count: DESIGN.md "Sites", shared state).

A network is an IPv4 /24 or an IPv6 /48 (one office, one household or one phone operator's
block), read through the trusted proxy (visitors.keys.client_address). Only a keyed hash of it
is stored, with the window it counts, and rows are deleted once their window is over.
"""

import ipaddress
import time
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from visitors.keys import client_address

from .models import RateCounter


def network_of(address):
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address[:64]
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def key_for(scope, request):
    network = network_of(client_address(request))
    return salted_hmac("citizens.ratelimit", f"{scope}:{network}").hexdigest()


def _window(seconds):
    now = time.time()
    number = int(now // seconds)
    return number, datetime.fromtimestamp((number + 1) * seconds, tz=UTC)


def count(scope, request, seconds):
    """How many hits this client's network made in the current window (no write)."""
    window, _ = _window(seconds)
    row = RateCounter.objects.filter(key=key_for(scope, request), window=window)
    return row.values_list("count", flat=True).first() or 0


def hit(scope, request, seconds):
    """Count one hit of this client's network; the count after it, exact under concurrency."""
    key = key_for(scope, request)
    window, expires_at = _window(seconds)
    rows = RateCounter.objects.filter(key=key, window=window)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        key=key, window=window, count=1, expires_at=expires_at
                    )
            except IntegrityError:  # another worker created it first
                rows.update(count=F("count") + 1)
        number = rows.values_list("count", flat=True).get()
    prune()
    return number


def prune():
    """Counters whose window is over: nothing needs them any more."""
    return RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()[0]
