"""`make bench`: the portal under gunicorn on PostgreSQL and SQLite, loaded by wrk on 127.0.0.1.

Four parts, all in one run:
- pages: with --articles demo articles (generate_demo_data, made once and reused), each public
  page (home, a category's first and a deep page, an article, the document library, a search,
  stats.json) under load with the visitor counter on and the page cache on, beside the two
  ceilings: the same article page as a static file served by nginx, and a minimal Django view
  returning it as a string (bench/minimal_django.py). Prints req/s, p50/p99, queries per
  request (first view / second view, measured in-process) and the workers' RSS afterwards.
- visitors: the article page with the visitor counter on and off (interleaved, so drift on a
  busy machine hits both alike) and their ratio.
- loads (bench/loads.py): the report warm, a crawl of every article, 1,000 distinct searches,
  on this code and on the commit before issue 15, interleaved, beside the minimal Django view;
  and the CPU per page-cache miss, in-process, on both.
- sites (bench/many_sites.py): the same pages of one site alone and of a commune among 100
  sites, interleaved, and the province's home that gathers them.
Needs PostgreSQL (BENCH_DATABASE_URL), wrk and nginx; `.ci/run` and README say how to get them.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from statistics import mean

from common import (
    PYTHON,
    ROOT,
    base_env,
    drain,
    ensure_database,
    manage,
    shell,
    start_gunicorn,
    start_minimal_django,
    start_nginx,
    stop,
    worker_rss_mb,
    wrk,
)
from loads import BASE_COMMIT, main_loads

DEFAULT_DB = "postgres://chauthanh:chauthanh-ci@127.0.0.1:5432/chauthanh_bench"
LABELS = {"postgresql": "PostgreSQL", "sqlite": "SQLite (WAL)"}
# Kept between runs (ignored by git): the demo articles take minutes to make.
DEFAULT_SQLITE = str(ROOT / ".bench" / "bench.sqlite3")


PAGE_URLS = """
from news.models import Article, Category
from news.views import older_cursor
from django.db.models import Count, Q
a = Article.objects.published()
category = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
# Deep: the "Tin cũ hơn" page that starts 90 % down the category (keyset pagination).
mark = a.filter(category=category).order_by("-published_at", "-pk")[category.n * 9 // 10]
print(" ".join([
    "/", category.get_absolute_url(), category.get_absolute_url() + "?truoc=" + older_cursor(mark),
    # The 35-NQ/TW report (photos, gallery, document links), as in the visitors part.
    a.exclude(slug__startswith="demo-").first().get_absolute_url(),
    "/van-ban/", "/tim-kiem/?q=nghi+quyet+35", "/visitors/stats.json",
]))
"""
# "on": the page cache (and the layout fragments); "miss": every request a page-cache miss,
# the layout fragments warm (what a page costs right after an edit, or on a new URL); "off":
# nothing cached.
CACHE_MODES = {
    "on": {"PAGE_CACHE_SECONDS": "60", "FRAGMENT_CACHE_SECONDS": "60"},
    "miss": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "60"},
    "off": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"},
}
VISITOR_WARMUP = 10  # seconds
PAGE_NAMES = ["home", "category p.1", "category deep", "article", "document library",
              "search", "stats.json"]  # fmt: skip


def bench_pages(args, env, tmp, script):
    # Adds only what is missing: the articles once (minutes), the demo photos on every run
    # (the media folder is temporary), the rest in seconds.
    manage(env, "generate_demo_data", "--articles", str(args.articles), "--seed", "1")
    urls = shell(env, PAGE_URLS).split()
    queries = {
        mode: json.loads(shell(dict(env, **CACHE_MODES[mode], BENCH_URLS=" ".join(urls)),
                               "exec(open('bench/queries.py').read())"))
        for mode in args.page_cache
    }  # fmt: skip
    rows, rss, minimal_runs = {}, [], []
    for mode in args.page_cache:
        process, base = start_gunicorn(dict(env, **CACHE_MODES[mode]), args.workers)
        try:
            page = urllib.request.urlopen(base + urls[3], timeout=10).read()  # noqa: S310
            if not minimal_runs:
                # The framework ceiling before and after the pages (the portal's workers idle
                # meanwhile): this machine drifts by 10-25 % within a run; the ratios use the mean.
                minimal_runs.append(measure_minimal(args, env, tmp, page, script))
            # Warm the workers as a site that has been up for a while is: every worker has
            # seen the 1,000 visitors of bench/visitors.lua (their visits are confirmed) and
            # its templates are compiled. The cached pages warm below, each with its own URL.
            wrk(base + urls[3], max(args.warmup, 3), args.page_connections, script)
            for name, url in zip(PAGE_NAMES, urls, strict=True):
                if args.pages and name not in args.pages:
                    continue
                wrk(base + url, args.warmup, args.page_connections, script)
                result = wrk(base + url, args.seconds, args.page_connections, script)
                rows.setdefault((name, url), {})[mode] = result
                drain(base)
            rss += worker_rss_mb(process)
        finally:
            stop(process)
    minimal_runs.append(measure_minimal(args, env, tmp, page, script))
    minimal = {k: mean(r[k] for r in minimal_runs) for k in ("rps", "p50", "p99", "errors")}
    minimal["runs"] = [r["rps"] for r in minimal_runs]
    process, url = start_nginx(tmp, page)
    try:
        wrk(url, args.warmup, args.page_connections, script)
        static = wrk(url, args.seconds, args.page_connections, script)
    finally:
        stop(process)
    return urls, rows, queries, minimal, static, rss


def measure_minimal(args, env, tmp, page, script):
    process, url = start_minimal_django(env, tmp, page, args.workers)
    try:
        wrk(url, args.warmup, args.page_connections, script)
        return wrk(url, args.seconds, args.page_connections, script)
    finally:
        stop(process)


def print_pages(args, database, urls, rows, queries, minimal, static, rss):
    print(
        f"\nPages: {args.articles} demo articles; wrk -t2 -c{args.page_connections} "
        f"-d{args.seconds}s --latency -s bench/visitors.lua (after {args.warmup}s warm-up); "
        f"gunicorn {args.workers} sync workers; {LABELS[database]}; visitor counter on\n"
    )
    print("| page | page cache | req/s | p50 ms | p99 ms | non-2xx | queries | ÷ minimal |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for label, r in (("nginx static file (ceiling)", static),
                     ("minimal Django view (ceiling)", minimal)):  # fmt: skip
        print(f"| {label} | | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | "
              f"{r['errors']} | | {r['rps'] / minimal['rps']:.2f} |")  # fmt: skip
    for (name, url), results in rows.items():
        for mode, r in results.items():
            # A hit or a miss with warm fragments: the second view; nothing cached: the first.
            first, second = queries[mode].get(url, ["?", "?"])
            q = first if mode == "off" else second
            ratio = r["rps"] / minimal["rps"]
            print(f"| {name} `{url}` | {mode} | {r['rps']:.0f} | {r['p50']:.1f} | "
                  f"{r['p99']:.1f} | {r['errors']} | {q} | {ratio:.3f} |")  # fmt: skip
    runs = ", ".join(f"{rps:.0f}" for rps in minimal["runs"])
    print(f"\nminimal Django view, before and after the pages: {runs} req/s (mean used)")
    print(f"gunicorn worker RSS after the load (each mode in turn, 3 workers each): "
          f"{', '.join(f'{m:.0f} MB' for m in rss)}")  # fmt: skip


def bench_visitors(args, env, script):
    """The article page with the visitor counter off and on, interleaved; their ratio."""
    article = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from news.models import Article; print(Article.objects.published().first()"
         ".get_absolute_url())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    results = {"on": [], "off": []}
    for _ in range(args.rounds):
        for mode in ("off", "on"):
            run_env = dict(env, VISITORS_ENABLED="true" if mode == "on" else "false")
            process, url = start_gunicorn(run_env, args.workers)
            try:
                # Long enough for every worker to meet the 1,000 visitors once (their first
                # page view per worker costs the upsert; later ones nothing): returning visitors.
                wrk(url + article, max(args.warmup, VISITOR_WARMUP), args.connections, script)
                results[mode].append(wrk(url + article, args.seconds, args.connections, script))
            finally:
                process.terminate()
                process.wait(timeout=30)
    stats = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from visitors.counter import read_stats; print(read_stats())"],
        cwd=ROOT, env=dict(env, VISITORS_CACHE_SECONDS="0"), capture_output=True, text=True,
        check=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    print(f"\nArticle page {article}")
    print(
        f"wrk -t2 -c{args.connections} -d{args.seconds}s --latency -s bench/visitors.lua "
        f"(after {max(args.warmup, VISITOR_WARMUP)}s warm-up); gunicorn {args.workers} sync "
        "workers; PostgreSQL\n"
    )
    print("| visitor counter | req/s (each round) | mean req/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---|---:|---:|---:|---:|")
    for mode in ("off", "on"):
        rows = results[mode]
        each = ", ".join(f"{r['rps']:.0f}" for r in rows)
        print(
            f"| {mode} | {each} | "
            f"{mean(r['rps'] for r in rows):.0f} | {mean(r['p50'] for r in rows):.1f} | "
            f"{mean(r['p99'] for r in rows):.1f} | {sum(r['errors'] for r in rows)} |"
        )
    ratio = mean(r["rps"] for r in results["on"]) / mean(r["rps"] for r in results["off"])
    print(f"\nratio on/off: {ratio:.2f} (goal on PostgreSQL alone: 0.80)")
    print(f"counters after the run: {stats}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2, help="on/off pairs, interleaved")
    parser.add_argument("--page-connections", type=int, default=16, help="for the pages")
    parser.add_argument("--articles", type=int, default=100_000, help="demo articles (pages)")
    parser.add_argument("--only", choices=["pages", "visitors", "loads", "sites"], help="one part")
    parser.add_argument("--sites", type=int, default=100, help="sites in the sites part")
    parser.add_argument("--per-site", type=int, default=1000, help="articles a site (sites)")
    parser.add_argument("--load-rounds", type=int, default=2, help="loads: interleaved rounds")
    parser.add_argument("--cpu-views", type=int, default=200, help="loads: views per page")
    parser.add_argument("--base", default=BASE_COMMIT, help="loads: the code to compare with")
    parser.add_argument("--load-articles", type=int, nargs=2, default=[100_000, 3_000],
                        metavar=("POSTGRESQL", "SQLITE"), help="loads: demo articles")  # fmt: skip
    parser.add_argument(
        "--page-cache",
        type=lambda v: v.split(","),
        default=list(CACHE_MODES),
        metavar="on,miss,off",
        help="the page cache modes to measure pages with",
    )
    parser.add_argument("--databases", type=lambda v: v.split(","),
                        default=["postgresql", "sqlite"], metavar="postgresql,sqlite",
                        help="pages on each; the visitors part on PostgreSQL")  # fmt: skip
    parser.add_argument("--pages", type=lambda v: v.split(","), metavar="NAME,NAME",
                        help=f"only these pages, of: {', '.join(PAGE_NAMES)}")  # fmt: skip
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    databases = {
        "postgresql": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
        "sqlite": "sqlite:///" + os.environ.get("BENCH_SQLITE_PATH", DEFAULT_SQLITE),
    }
    Path(DEFAULT_SQLITE).parent.mkdir(exist_ok=True)
    script = ROOT / "bench" / "visitors.lua"
    if args.only in (None, "loads"):
        args.load_articles = dict(zip(["postgresql", "sqlite"], args.load_articles, strict=True))
        # SQLite's loads run on 3,000 articles: a database of their own.
        main_loads(
            args, dict(databases, sqlite="sqlite:///" + str(ROOT / ".bench" / "loads.sqlite3"))
        )
        if args.only == "loads":
            return
    for database in args.databases if args.only in (None, "pages", "visitors") else []:
        database_url = databases[database]
        if database == "postgresql":
            ensure_database(database_url)
        with tempfile.TemporaryDirectory() as tmp:
            env = base_env(database_url, Path(tmp) / "static", Path(tmp) / "media")
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "loaddata", "nq35_report", "-v0")
            manage(env, "collectstatic", "--noinput", "-v0")
            if args.only != "visitors":
                print_pages(args, database, *bench_pages(args, env, tmp, script))
            if args.only != "pages" and database == "postgresql":
                bench_visitors(args, env, script)
    if args.only in (None, "sites") and "postgresql" in args.databases:
        from many_sites import bench_sites  # (bench/ is this script's folder)

        bench_sites(args, script)


if __name__ == "__main__":
    main()
