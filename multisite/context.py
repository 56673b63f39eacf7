"""The site that code without a request works for: `loaddata --site`, `ensure_report --site`,
the shell, bulk commands. The one allowed global (DESIGN.md, "Sites"): a context variable, so
each thread and each asyncio task keeps its own, and `using()` restores the previous one.

Requests name their site explicitly (`request.site`); SiteMiddleware also sets it here while a
request is answered, so that a row made without a site in a request defaults to the request's
site. Rows created without a site elsewhere (loaddata, the shell) get the site set here, else
the default site (see `multisite.current`).
"""

from contextlib import contextmanager
from contextvars import ContextVar

_site = ContextVar("multisite_site", default=None)


def get():
    """The site set by `using()`, or None."""
    return _site.get()


@contextmanager
def using(site):
    """Work for `site` (a sites.Site) inside the block."""
    token = _site.set(site)
    try:
        yield site
    finally:
        _site.reset(token)
