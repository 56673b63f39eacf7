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


def site_for_code(code=None):
    """A natural key's site: the site with that code, else the current site (the context's,
    else the default): fixtures written for one site load into the one they are loaded into."""
    if not code:
        return current_site()
    from django.contrib.sites.models import Site

    return Site.objects.select_related("profile").get(profile__code=code)


def site_origin(site, request):
    """ "scheme://host[:port]" where `site` answers, seen from `request`: its domain when the
    request came to its own site's domain (production), else `<code>.localhost` on the
    request's port (development, where the domains have no DNS). For links across sites: a
    province's home linking to its communes' articles."""
    from django.http.request import split_domain_port

    host = request.get_host()
    name, port = split_domain_port(host)
    scheme = request.scheme
    if name == site_of(request).domain.lower():
        return f"{scheme}://{site.domain}"
    return f"{scheme}://{site.profile.code}.localhost" + (f":{port}" if port else "")
