"""Who is a visitor: client address and bots (the daily keyed hash is in salts.py).
Nothing here is stored."""

import ipaddress
import re
from functools import lru_cache

from crawlerdetect import CrawlerDetect

from . import conf

_crawler_detect = CrawlerDetect()


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
