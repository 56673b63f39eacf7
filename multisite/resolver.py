"""Which site answers a host: the one rule, and its per-process cache.

    exact domain (with or without the port)  ->  that site
    <code>.localhost (any port)              ->  the site with that code (development: no DNS)
    anything else                            ->  the default site

ALLOWED_HOSTS still guards which hosts reach this at all (request.get_host() refuses others).

Each process remembers its answers (host -> site, with the profile loaded), and checks them on
every call against the shared sites version (`SitesVersion`, one primary-key read), which every
change of a site or profile raises in the same transaction. So a site created, renamed or edited
on one process answers on every process at once, and a host that fell back to the default site
is asked again as soon as a site could have claimed it.
"""

import threading
import uuid

from django.core.exceptions import ImproperlyConfigured
from django.db.models import F
from django.http.request import split_domain_port

DEV_SUFFIX = ".localhost"


def read_version():
    """(number, stamp) of the shared sites version."""
    from .models import SitesVersion

    return SitesVersion.objects.filter(pk=1).values_list("number", "stamp").first() or (0, "")


def bump_version():
    """One UPDATE (an INSERT the first time), inside the caller's transaction."""
    from .models import SitesVersion

    stamp = uuid.uuid4().hex
    if not SitesVersion.objects.filter(pk=1).update(number=F("number") + 1, stamp=stamp):
        SitesVersion.objects.get_or_create(pk=1, defaults={"number": 1, "stamp": stamp})


def _sites():
    from django.contrib.sites.models import Site

    return Site.objects.select_related("profile").filter(profile__isnull=False)


def lookup(host):
    """The site for `host`, from the database (the rule above); no cache."""
    host = host.lower().rstrip(".")
    name = split_domain_port(host)[0] or host
    sites = _sites()
    matches = {site.domain.lower(): site for site in sites.filter(domain__in={host, name})}
    site = matches.get(host) or matches.get(name)
    if site is None and name.endswith(DEV_SUFFIX):
        site = sites.filter(profile__code=name.removesuffix(DEV_SUFFIX)).first()
    return site or default_site_from_db()


def default_site_from_db():
    site = _sites().filter(profile__is_default=True).first()
    if site is None:
        raise ImproperlyConfigured("There is no default site: run `manage.py migrate`.")
    return site


class SiteResolver:
    """host -> site, remembered per process while the shared sites version stays the same."""

    MAX_HOSTS = 1000  # a wildcard ALLOWED_HOSTS lets clients invent hosts: bound the memory

    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._hosts = {}

    def _check(self):
        """Read the shared version (the one statement per call); forget everything if it moved."""
        version = read_version()
        with self._lock:
            if version != self._version:
                self._hosts, self._version = {}, version
        return version

    def _remember(self, version, key, site):
        with self._lock:
            if version == self._version:
                if len(self._hosts) >= self.MAX_HOSTS:
                    self._hosts.clear()
                self._hosts[key] = site

    def resolve(self, host):
        version = self._check()
        key = host.lower()
        site = self._hosts.get(key)
        if site is None:
            site = lookup(key)
            self._remember(version, key, site)
        return site

    def default(self):
        version = self._check()
        site = self._hosts.get(None)
        if site is None:
            site = default_site_from_db()
            self._remember(version, None, site)
        return site

    def clear(self):
        with self._lock:
            self._hosts, self._version = {}, None


resolver = SiteResolver()
