"""CPU per page-cache miss, in-process: time.process_time() over many views of each page.

Run inside the portal with the page cache off and the fragments on (a miss: what a new URL, a
crawler or a search costs): `PAGE_CACHE_SECONDS=0 FRAGMENT_CACHE_SECONDS=60 manage.py shell -c
"exec(open('bench/cpu.py').read())"`. BENCH_CPU_VIEWS views per page (default 200), after 5
to warm. The search varies its query (each view a new one, as the distinct-searches load).
Prints one JSON object: {page: ms of CPU per view}. Works on the code before issue 15 too.
"""

import json
import os
import time
from urllib.parse import urlencode

from django.db.models import Count
from django.test import Client

from news.models import Article, Category

client = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench cpu)", HTTP_HOST="127.0.0.1")
views = int(os.environ.get("BENCH_CPU_VIEWS", "200"))
report = Article.objects.published().exclude(slug__startswith="demo-").first()
demo = list(Article.objects.published().filter(slug__startswith="demo-")[:views])
category = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
queries_file = os.path.join(os.environ.get("BENCH_ROOT", "."), "bench", "queries.txt")
with open(queries_file, encoding="utf-8") as f:
    queries = [line.strip() for line in f if line.strip()]
pages = {
    "article (the report)": [report.get_absolute_url()] * views,
    "article (demo, each once)": [a.get_absolute_url() for a in demo],
    "category, page 1": [category.get_absolute_url()] * views,
    "home": ["/"] * views,
    "search (each query once)": [
        "/tim-kiem/?" + urlencode({"q": q}) for q in (queries * 2)[5 : 5 + views]
    ],
}
result = {}
for name, urls in pages.items():
    for url in urls[:5]:
        assert client.get(url).status_code == 200, url
    began = time.process_time()
    for url in urls:
        client.get(url)
    result[name] = round((time.process_time() - began) / len(urls) * 1000, 2)
print(json.dumps(result, ensure_ascii=False))
