"""Who is a visitor: client address and bots (the daily keyed hash is in salts.py).
Nothing here is stored."""

import ipaddress
import re
from functools import lru_cache

from crawlerdetect.providers.crawlers import data as CRAWLER_PATTERNS
from crawlerdetect.providers.exclusions import data as EXCLUDED_PATTERNS

from . import conf


def from_proxy(request):
    """Whether the request came through the trusted proxy (nginx), so that the headers the
    proxy sets (X-Forwarded-For, X-Request-ID) are the proxy's and not the client's.

    The peer must be in VISITORS_PROXY_NETWORKS (loopback by default), or be a Unix socket (no
    peer address: only nginx can connect to it). gunicorn reached directly from elsewhere, a
    port left open by mistake, is then just another client, whatever headers it sends.
    """
    if conf.get("VISITORS_TRUSTED_PROXIES") <= 0:
        return False
    networks = tuple(conf.get("VISITORS_PROXY_NETWORKS"))
    return _is_proxy_address(request.META.get("REMOTE_ADDR", ""), networks)


@lru_cache(maxsize=256)
def _is_proxy_address(remote, networks):
    if not remote:
        return True  # a Unix socket
    try:
        ip = ipaddress.ip_address(remote.strip("[]"))
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in networks)


def client_address(request):
    """REMOTE_ADDR, or the address the configured number of trusted proxies put in front.

    Also the address django-axes locks logins by (AXES_CLIENT_IP_CALLABLE): behind nginx,
    REMOTE_ADDR is nginx itself, and every editor would share one lock. X-Forwarded-For is
    read only from the proxy (from_proxy): from anyone else it would let a client pick the
    address its failed logins are counted against.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = conf.get("VISITORS_TRUSTED_PROXIES")
    if from_proxy(request):
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


# No browser sends more (the longest real ones, in-app browsers, stay under 400 characters);
# a longer value is a client, not a person, and never reaches the patterns below.
MAX_USER_AGENT_LENGTH = 512


# crawlerdetect's lists (maintained upstream), matched as crawlerdetect matches them: the
# browsers' own tokens removed, then any crawler pattern searched. Not with its one regular
# expression of 1,400 alternatives, though: Python tries every alternative at every position
# (about 50 microseconds a character), and its generic rule "[a-z0-9\-_]*(bot|crawl|...)" rescans
# every run of letters from every position (quadratic: 8 KB took 6 s). Here the ~1,380 plain
# names are substring tests on the lowered text (C speed), and the ~80 real patterns form one
# small expression, without the leading starred class, which can match nothing anyway, so
# search() finds a match with it exactly when it finds one without it.
_SPECIAL = frozenset("()[]{}|*+?.^$")


def _plain(pattern):
    """The text a pattern matches literally ("Google\\/Bot" -> "google/bot"), or None."""
    if re.search(r"\\[A-Za-z0-9]", pattern):  # \d, \s, \b...: a real pattern
        return None
    if _SPECIAL & set(re.sub(r"\\.", "", pattern)):
        return None
    return re.sub(r"\\(.)", r"\1", pattern).lower()


def _split(patterns):
    names, others = [], []
    for pattern in patterns:
        pattern = re.sub(r"^\[[^\]]*\]\*", "", pattern)  # see above: can match nothing
        name = _plain(pattern)
        (others if name is None else names).append(pattern if name is None else name)
    return tuple(names), re.compile("|".join(others), re.IGNORECASE)


_EXCLUDED = re.compile("|".join(EXCLUDED_PATTERNS), re.IGNORECASE)
_CRAWLER_NAMES, _CRAWLER_PATTERNS = _split(CRAWLER_PATTERNS)


def is_bot(user_agent):
    """Empty User-Agents, overlong ones and the crawlers crawlerdetect knows are not visitors.

    Its cost is bounded whatever the header: about a millisecond at worst (crafted values of
    the longest length examined), 0.1 ms for a browser's (tests/test_hostile_headers.py).
    """
    if not user_agent or not user_agent.strip() or len(user_agent) > MAX_USER_AGENT_LENGTH:
        return True
    return _is_crawler(user_agent.strip())


@lru_cache(maxsize=4096)  # values are short (see above): at most about 2 MB
def _is_crawler(user_agent):
    rest = _EXCLUDED.sub("", user_agent)
    if not rest:
        return False
    lowered = rest.lower()
    if any(name in lowered for name in _CRAWLER_NAMES):
        return True
    return _CRAWLER_PATTERNS.search(rest) is not None
