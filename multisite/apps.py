from django.apps import AppConfig, apps
from django.contrib.sites.apps import SitesConfig as DjangoSitesConfig
from django.contrib.sites.management import create_default_site
from django.db.models.signals import post_delete, post_migrate, post_save


class MultisiteConfig(AppConfig):
    default = True  # this module also holds SitesConfig (django.contrib.sites' config)
    name = "multisite"
    verbose_name = "Các trang"

    def ready(self):
        from django.contrib.sites.models import Site, SiteManager

        from pagecache.version import watch

        from .models import SiteProfile
        from .setup import current_for_django, ensure_default_site, sites_changed

        # A change of a site or its profile reaches every process's resolver at once.
        for model in (Site, SiteProfile):
            uid = f"multisite:{model._meta.label}"
            post_save.connect(sites_changed, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(sites_changed, sender=model, dispatch_uid=uid + ":delete")
        # The identity is in every page of the site; a new parent or child changes homes.
        watch(Site, SiteProfile)
        # There is no SITE_ID: Django's own views that ask for "the current site" (login,
        # feeds, sitemaps, password reset) get the request's site, seen from its host.
        SiteManager.get_current = current_for_django
        # A new or flushed database (tests) always has its default site, made here (Django's own
        # would be an "example.com" without a profile).
        post_migrate.disconnect(create_default_site, sender=apps.get_app_config("sites"))
        post_migrate.connect(ensure_default_site, sender=self, dispatch_uid="multisite.default")


class SitesConfig(DjangoSitesConfig):
    """django.contrib.sites under a Vietnamese heading in the admin (its own is "Sites")."""

    default = False
    verbose_name = "Nền tảng: các trang"
