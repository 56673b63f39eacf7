#!/usr/bin/env python3
"""Fills the @NAME@ placeholders of a deploy/ template: render.py TEMPLATE [NAME=value ...].

Unknown names and placeholders left unfilled are errors, so a typo never reaches nginx.
Standard library only: it runs before the virtualenv exists.
"""

import re
import sys
from pathlib import Path

DEFAULTS = {
    "SERVER_NAME": "localhost",
    "HTTP_LISTEN": "80",
    "HTTPS_LISTEN": "443",
    "SSL_CERTIFICATE": "/etc/letsencrypt/live/@SERVER_NAME@/fullchain.pem",
    "SSL_CERTIFICATE_KEY": "/etc/letsencrypt/live/@SERVER_NAME@/privkey.pem",
    "UPSTREAM": "unix:/run/chauthanh/gunicorn.sock",
    "STATIC_ROOT": "/srv/chauthanh/static",
    "MEDIA_ROOT": "/srv/chauthanh/media",
    # Above the largest document an editor uploads (the application checks its own limits).
    "MAX_UPLOAD": "30m",
    # Each site's page for when the application is down (MAINTENANCE_PAGE_ROOT, notices/).
    "MAINTENANCE_ROOT": "/srv/chauthanh/var/maintenance",
    "MAX_VIDEO_UPLOAD": "200m",  # VIDEO_MAX_UPLOAD_MB (gallery/)
}
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


def render(text, values):
    unknown = set(values) - set(DEFAULTS)
    if unknown:
        raise SystemExit(f"unknown placeholder(s): {', '.join(sorted(unknown))}")
    merged = {**DEFAULTS, **values}
    for _ in range(3):  # defaults may refer to other placeholders
        text = PLACEHOLDER.sub(lambda m: merged.get(m.group(1), m.group(0)), text)
    left = set(PLACEHOLDER.findall(text))
    if left:
        raise SystemExit(f"unfilled placeholder(s): {', '.join(sorted(left))}")
    return text


def main(argv):
    if not argv:
        raise SystemExit(__doc__)
    values = dict(arg.split("=", 1) for arg in argv[1:])
    sys.stdout.write(render(Path(argv[0]).read_text(), values))


if __name__ == "__main__":
    main(sys.argv[1:])
