"""In-process CPU per request for each URL: the working metric on a shared machine (wrk's
req/s moves with whatever else the machine runs; a process's own CPU time much less).

Run inside the portal: `manage.py shell -c "exec(open('bench/site_cpu.py').read())"`, with
BENCH_URLS (space-separated), BENCH_HOST (the site's host) and BENCH_REPEAT (requests measured
per URL, after three that warm the caches the configuration keeps). Prints one JSON object:
{url: milliseconds of CPU per request (the median of five runs of BENCH_REPEAT / 5)}.
"""

import json
import os
import time
from statistics import median

from django.test import Client

host = os.environ.get("BENCH_HOST", "127.0.0.1")
repeat = max(5, int(os.environ.get("BENCH_REPEAT", "50")))
# A returning reader: counted as a page view each time (the counter's usual path).
client = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench cpu)", HTTP_HOST=host)
cpu = {}
for url in os.environ["BENCH_URLS"].split():
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    runs = []
    for _ in range(5):
        began = time.process_time()
        for _ in range(repeat // 5):
            client.get(url)
        runs.append((time.process_time() - began) * 1000 / (repeat // 5))
    cpu[url] = round(median(runs), 3)
print(json.dumps(cpu))
