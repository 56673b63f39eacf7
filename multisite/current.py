"""The current site for code without a request, and for a request that has none yet."""

from . import context
from .resolver import resolver


def default_site():
    """The site that answers every host no site claims (profile.is_default)."""
    return resolver.default()


def current_site():
    """The site set by `multisite.context.using()` (loaddata --site, a command), else the
    default site. Request code uses `request.site` instead."""
    site = context.get()
    return site if site is not None else default_site()


def current_site_id():
    """The default of every content model's `site` field: rows created by loaddata, the shell
    or a bulk command without naming a site belong to the context's site, else the default."""
    return current_site().pk


def site_of(request):
    """The request's site (set by SiteMiddleware), or resolved from its host."""
    site = getattr(request, "site", None)
    if site is None:
        site = resolver.resolve(request.get_host())
        request.site = site
    return site
