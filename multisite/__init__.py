"""Many portals in one installation: sites, their profiles and the resolver (DESIGN.md "Sites").

multisite.resolve(host)      -> the sites.Site answering `host` (profile loaded)
multisite.current_site()     -> the site of `multisite.context.using(...)`, else the default
multisite.default_site()     -> the default site
multisite.context.using(site)   the one allowed global, for code without a request
"""


def resolve(host):
    from .resolver import resolver

    return resolver.resolve(host)


def current_site():
    from .current import current_site

    return current_site()


def current_site_id():
    from .current import current_site_id

    return current_site_id()


def default_site():
    from .current import default_site

    return default_site()
