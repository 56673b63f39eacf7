"""Saving a site notice, and the static page nginx serves while the application is down.

`save_notice` / `delete_notice` are the one write path (the admin calls them): they raise the
shared sites version, which every process checks on every request (multisite.resolver), so
each process reads the site's notices again (notices.banner) and every cached page and fragment
keyed by that version is left behind; cached pages are bounded by the notices' own times
(pagecache.schedule); once the transaction commits, the site's static
`<domain>.html` is written again into MAINTENANCE_PAGE_ROOT with its maintenance and outage
notices, so that what nginx shows on 502/503/504 (deploy/nginx/chauthanh.conf) says what the
banner said: why the portal is down and when it is expected back.
"""

import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from multisite.resolver import bump_version

from .models import SiteNotice

logger = logging.getLogger(__name__)
# The file of the default site (every host no site claims; nginx's fallback).
DEFAULT_FILE = "_default.html"


def save_notice(notice):
    with transaction.atomic():
        notice.save()
        bump_version()  # the sites' `has_notices` and every process's banner (banner.py)
        site_id = notice.site_id
        transaction.on_commit(lambda: write_page_safely(site_id))
    return notice


def delete_notice(notice):
    with transaction.atomic():
        site_id = notice.site_id
        notice.delete()
        bump_version()
        transaction.on_commit(lambda: write_page_safely(site_id))


def page_root():
    return Path(settings.MAINTENANCE_PAGE_ROOT)


def page_files(site):
    """The file names nginx looks up for `site`: its domain, and the fallback for the default."""
    names = [f"{site.domain}.html"]
    profile = getattr(site, "profile", None)
    if profile is not None and profile.is_default:
        names.append(DEFAULT_FILE)
    return names


def render_page(site, now=None):
    """The maintenance page of `site`: self-contained (no stylesheet, script or image to
    fetch from an application that is down), in Vietnamese."""
    now = now or timezone.now()
    notices = list(SiteNotice.objects.filter(site=site).downtime(now).order_by("shown_from"))
    context = {"site": site.profile, "notices": notices}
    return render_to_string("notices/maintenance.html", context)


def write_page(site):
    """Write the site's page(s) atomically (a reader never sees half a file)."""
    site = Site.objects.select_related("profile").get(pk=site.pk if hasattr(site, "pk") else site)
    root = page_root()
    root.mkdir(parents=True, exist_ok=True)
    html = render_page(site).encode()
    written = []
    for name in page_files(site):
        handle, temporary = tempfile.mkstemp(dir=root, prefix=".tmp-", suffix=".html")
        with os.fdopen(handle, "wb") as file:
            file.write(html)
        os.chmod(temporary, 0o644)  # nginx's worker reads it
        os.replace(temporary, root / name)
        written.append(root / name)
    return written


def write_page_safely(site_id):
    """After a commit: a failure to write the page (a full disk, a read-only directory) is
    logged and never undoes or breaks the admin's save."""
    try:
        write_page(site_id)
    except (OSError, Site.DoesNotExist):
        logger.exception("the maintenance page of site %s could not be written", site_id)


def write_all_pages():
    """Every site's page (`manage.py write_maintenance_pages`, after a deploy or a restore)."""
    return [path for site in Site.objects.all() for path in write_page(site)]
