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
from django.db.models import Exists, F, OuterRef, Q
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

    from notices.models import notices_not_over

    from .models import SiteProfile

    # Whether it has children: a province's home gathers their news (no query when it has none).
    children = SiteProfile.objects.filter(parent=OuterRef("pk"))
    sites = Site.objects.select_related("profile").filter(profile__isnull=False)
    sites = sites.annotate(has_children=Exists(children))
    # Whether it has site notices not over yet (notices/, issue 19): every page's banner reads
    # them only then; saving a notice raises the sites version. None while migrating, before
    # the notices' table exists (a migration's site default resolves the default site).
    notices = notices_not_over(OuterRef("pk"))
    return sites if notices is None else sites.annotate(has_notices=Exists(notices))


def lookup(host):
    """The site for `host`, from the database (the rule above), in one query; no cache."""
    host = host.lower().rstrip(".")
    name = split_domain_port(host)[0] or host
    code = name.removesuffix(DEV_SUFFIX) if name.endswith(DEV_SUFFIX) else None
    wanted = Q(domain__in={host, name}) | Q(profile__is_default=True)
    if code:
        wanted |= Q(profile__code=code)
    candidates = list(_sites().filter(wanted))
    by_domain = {site.domain.lower(): site for site in candidates}
    by_code = {site.profile.code: site for site in candidates}
    default = next((site for site in candidates if site.profile.is_default), None)
    site = by_domain.get(host) or by_domain.get(name) or by_code.get(code) or default
    if site is None:
        raise ImproperlyConfigured("There is no default site: run `manage.py migrate`.")
    return site


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
        # The answer says under which version it was looked up: a page cache can key by it, so
        # a site's edited identity is never served from a page rendered before the edit.
        site.sites_version = version[1]
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
