"""Hooks that keep sites working: the version bump, the default site, Django's current site."""

from django.apps import apps as global_apps
from django.contrib.sites.requests import RequestSite
from django.db import DEFAULT_DB_ALIAS

from .models import DEFAULT_CODE
from .resolver import bump_version

DEFAULT_DOMAIN = "localhost"


def sites_changed(sender, raw=False, **kwargs):
    # Also for loaddata (raw): a site loaded from a fixture answers at once too.
    bump_version()


class ReachedSite(RequestSite):
    """The request's site as Django's own views see it: its id and name, with the host the
    reader used as its domain, so feeds, sitemaps and e-mailed links point where the reader
    came from (as every other absolute link of the portal does). Never saved."""

    def __init__(self, request, site):
        super().__init__(request)
        self.pk = self.id = site.pk
        self.name = site.profile.site_name
        self.site = site


def current_for_django(manager, request=None):
    """SiteManager.get_current without SITE_ID: Django's login, feeds and sitemaps call it."""
    from .current import current_site, site_of

    if request is None:
        return current_site()
    return ReachedSite(request, site_of(request))


def ensure_default_site(sender=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """post_migrate: there is always exactly one default site with a profile (code "main").

    The migration creates it on an existing database; this covers a database emptied by a
    flush (tests) or one where the default profile was removed by hand."""
    try:
        Site = apps.get_model("sites", "Site")
        SiteProfile = apps.get_model("multisite", "SiteProfile")
    except LookupError:  # migrating backwards
        return
    profiles = SiteProfile._default_manager.db_manager(using)
    if profiles.filter(is_default=True).exists():
        return
    sites = Site._default_manager.db_manager(using)
    profile = profiles.filter(code=DEFAULT_CODE).first()
    if profile is None:
        site = sites.filter(profile__isnull=True).order_by("pk").first()
        if site is None:
            site = sites.create(domain=DEFAULT_DOMAIN, name="Trang mặc định")
        profile = profiles.create(site=site, code=DEFAULT_CODE)
    profile.is_default = True
    profile.save(update_fields=["is_default"])
    bump_version()
