"""gunicorn settings for the portal: `gunicorn -c deploy/gunicorn.conf.py chauthanh.wsgi`.

Every value can be changed by an environment variable (deploy/chauthanh.env.example).
"""

import json
import multiprocessing
import os

wsgi_app = "chauthanh.wsgi:application"

# nginx connects here; never expose gunicorn to the network directly.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")

# Sync workers, (2 x cores) + 1: a page spends most of its time rendering templates (CPU), a
# little waiting on the database. gthread workers did not help on 2 cores and made SQLite
# contention worse (PERFORMANCE-NOTES.md).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never takes the site down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory: a full or slow disk must not make workers look dead.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 (gunicorn docs)

# Access log as JSON lines on stdout, with the request id the application put in X-Request-ID.
# No client address or User-Agent here: nginx's log has them, under its own retention.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
access_log_format = json.dumps(
    {
        "logger": "gunicorn.access",
        "request_id": "%({x-request-id}o)s",
        "method": "%(m)s",
        "path": "%(U)s",
        "query": "%(q)s",
        "status": "%(s)s",
        "bytes": "%(B)s",
        "duration_ms": "%(M)s",
    }
)
