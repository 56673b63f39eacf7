"""Who is a visitor: client address, bots, and the daily keyed hash. Nothing here is stored."""

import hashlib
import hmac
import ipaddress
import re
import secrets
from functools import lru_cache

from crawlerdetect import CrawlerDetect
from django.conf import settings
from django.db import IntegrityError, transaction

from . import conf
from .models import DailySalt

_crawler_detect = CrawlerDetect()
_salts = {}  # day -> salt; a process keeps only today's and yesterday's


def client_address(request):
    """REMOTE_ADDR, or the address the configured number of trusted proxies put in front.

    Also the address django-axes locks logins by (AXES_CLIENT_IP_CALLABLE): behind nginx,
    REMOTE_ADDR is nginx itself, and every editor would share one lock.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = conf.get("VISITORS_TRUSTED_PROXIES")
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if forwarded:
            # Each trusted proxy appended the address it saw; the client is `proxies` from the end.
            remote = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return remote


def client_ip(request):
    """The client address as the visitor key hashes it (IPv6 by its /64)."""
    return network_part(client_address(request))


# A dotted quad as ipaddress writes it (no leading zeros): kept as it is, without parsing.
OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
CANONICAL_IPV4 = re.compile(rf"(?:{OCTET}\.){{3}}{OCTET}")


def network_part(address):
    """The address as hashed: IPv4 whole, IPv6 by its /64 (one household or phone)."""
    if CANONICAL_IPV4.fullmatch(address):
        return address
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address[:64]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


@lru_cache(maxsize=4096)
def is_bot(user_agent):
    """Empty User-Agents and the crawlers CrawlerDetect knows are not visitors."""
    if not user_agent or not user_agent.strip():
        return True
    return _crawler_detect.isCrawler(user_agent)


def daily_salt(day):
    """The day's salt, created once for all processes; older salts are destroyed."""
    salt = _salts.get(day)
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
    _salts.clear()
    _salts[day] = salt
    return salt


def visitor_key(ip, user_agent, day):
    """Keyed hash of (day's salt, network, User-Agent): irreversible once the salt is gone."""
    key = (daily_salt(day) + settings.SECRET_KEY).encode()
    message = f"{ip}\n{user_agent}".encode("utf-8", "surrogateescape")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]
