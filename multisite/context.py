"""The site that code without a request works for: `loaddata --site`, `ensure_report --site`,
the shell, bulk commands. The one allowed global (DESIGN.md, "Sites"): a context variable, so
each thread and each asyncio task keeps its own, and `using()` restores the previous one.

A request never relies on it: views and the admin name the site explicitly from
`request.site`. Rows created without a site (loaddata, the shell) get the site set here, else
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
