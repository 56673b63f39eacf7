"""Queries per request for each benchmarked URL, first (uncached) and second view.

Run inside the portal: `manage.py shell -c "exec(open('bench/queries.py').read())"`, with
BENCH_URLS (space-separated) and BENCH_HOST (the site's host; default 127.0.0.1). Prints one
JSON object: {url: [first, second]}.
"""

import json
import os

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

host = os.environ.get("BENCH_HOST", "127.0.0.1")
client = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench queries)", HTTP_HOST=host)
counts = {}
for url in os.environ["BENCH_URLS"].split():
    seen = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        seen.append(len(queries) if status == 200 else f"HTTP {status}")
    counts[url] = seen
print(json.dumps(counts))
