"""`bench/run.py --only sites`: one site alone against a commune among 100 sites (issue 16).

Two PostgreSQL databases with the same 100,000 demo articles:
- single: the default site alone (BENCH_DATABASE_URL, the pages part's database);
- sites: a province (the default site) and 99 communes, 1,000 articles each
  (BENCH_SITES_DATABASE_URL; `generate_demo_data --sites 100 --articles 1000`).
The same pages of the single site and of one commune (xa-50, by its `<code>.localhost` host)
are measured in interleaved rounds (single, sites, single, sites, ...), so drift on a busy
machine hits both alike: queries per request and in-process CPU per request (bench/site_cpu.py:
the working metric on a shared machine), then req/s and p99 under wrk with the page cache on
(medians of the rounds). The province's home (which gathers its communes' news) has its own
figures: CPU, queries, and p99 warm (page cache on; and a page-cache miss with warm fragments).
"""

import json
import os
import tempfile
from pathlib import Path
from statistics import median

import common
from common import manage, shell, wrk
from run import CACHE_MODES, DEFAULT_DB

DEFAULT_SITES_DB = DEFAULT_DB.rsplit("/", 1)[0] + "/chauthanh_bench_sites"
PROVINCE = "main.localhost"
PAGES = ["home", "category p.1", "article", "document library", "search", "stats.json"]
# The pages of the site whose demo slugs start with BENCH_PREFIX (`demo-1-`, `demo-1-xa-50-`):
# its first category, its BENCH_ARTICLE-th article (an ordinary demo article in both databases:
# the 500th with 1,000 a site).
SITE_URLS = """
import os
from news.models import Article, Category
prefix = os.environ["BENCH_PREFIX"]
print(" ".join([
    "/", Category.objects.get(slug=prefix + "0").get_absolute_url(),
    Article.objects.get(slug=prefix + os.environ["BENCH_ARTICLE"]).get_absolute_url(),
    "/van-ban/", "/tim-kiem/?q=nghi+quyet", "/visitors/stats.json",
]))
"""


def prepare(url, tmp, name, generate):
    common.ensure_database(url)
    env = common.base_env(url, Path(tmp) / name / "static", Path(tmp) / name / "media")
    env["ALLOWED_HOSTS"] = "127.0.0.1,.localhost"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    # Adds only what is missing: the articles once (minutes), the demo photos on every run.
    manage(env, "generate_demo_data", "--seed", "1", *generate)
    return env


def in_process(env, script, host, urls, mode, **extra):
    run_env = dict(env, **CACHE_MODES[mode], BENCH_HOST=host, BENCH_URLS=" ".join(urls), **extra)
    return json.loads(shell(run_env, f"exec(open('bench/{script}').read())"))


def wrk_site(args, env, host, urls, script, mode="on"):
    """{url: wrk result} for each URL of one site, under one gunicorn start."""
    process, base = common.start_gunicorn(dict(env, **CACHE_MODES[mode]), args.workers)
    results = {}
    try:
        for url in urls:
            wrk(base + url, args.warmup, args.page_connections, script, host)
            results[url] = wrk(base + url, args.seconds, args.page_connections, script, host)
            common.drain(base)
    finally:
        common.stop(process)
    return results


def bench_sites(args, script):
    single_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    sites_url = os.environ.get("BENCH_SITES_DATABASE_URL", DEFAULT_SITES_DB)
    with tempfile.TemporaryDirectory() as tmp:
        single = prepare(single_url, tmp, "single", ["--articles", str(args.articles)])
        manage(single, "loaddata", "nq35_report", "-v0")
        sites = prepare(
            sites_url, tmp, "sites", ["--sites", str(args.sites), "--articles", str(args.per_site)]
        )
        code, nth = commune(args), str(min(args.articles, args.per_site) // 2)
        targets = {
            "single": (single, "127.0.0.1", "demo-1-"),
            "sites": (sites, f"{code}.localhost", f"demo-1-{code}-"),
        }
        targets = {
            name: (env, host, shell(dict(env, BENCH_PREFIX=prefix, BENCH_ARTICLE=nth), SITE_URLS))
            for name, (env, host, prefix) in targets.items()
        }
        targets = {name: (env, host, urls.split()) for name, (env, host, urls) in targets.items()}
        modes = [m for m in ("on", "miss", "off") if m in args.page_cache]
        queries = {
            (name, mode): in_process(env, "queries.py", host, urls, mode)
            for name, (env, host, urls) in targets.items() for mode in modes
        }  # fmt: skip
        cpu, load = {}, {}
        for _ in range(args.rounds):
            for name, (env, host, urls) in targets.items():  # interleaved
                for mode in modes:
                    found = in_process(env, "site_cpu.py", host, urls, mode, BENCH_REPEAT="50")
                    for url, ms in found.items():
                        cpu.setdefault((name, mode, url), []).append(ms)
                for url, result in wrk_site(args, env, host, urls, script).items():
                    load.setdefault((name, url), []).append(result)
        province = bench_province(args, sites, script, modes)
    print_sites(args, targets, modes, queries, cpu, load, province)


def commune(args):
    """The commune measured: the middle one (xa-50 of 100 sites)."""
    return f"xa-{args.sites // 2:02d}"


def bench_province(args, env, script, modes):
    """The province's home: queries, CPU, and p99 warm (page cache on; a miss, fragments warm)."""
    out = {"queries": {m: in_process(env, "queries.py", PROVINCE, ["/"], m)["/"] for m in modes}}
    out["cpu"] = {
        m: in_process(env, "site_cpu.py", PROVINCE, ["/"], m, BENCH_REPEAT="50")["/"] for m in modes
    }
    out["load"] = {
        m: wrk_site(args, env, PROVINCE, ["/"], script, mode=m)["/"]
        for m in ("on", "miss") if m in modes
    }  # fmt: skip
    return out


def print_sites(args, targets, modes, queries, cpu, load, province):
    print(
        f"\nSites: one site with {args.articles:,} articles (single) against commune "
        f"{commune(args)} of {args.sites} sites x {args.per_site:,} articles (sites); PostgreSQL; "
        f"{args.rounds} interleaved rounds; CPU = in-process ms per request (median); wrk -t2 "
        f"-c{args.page_connections} -d{args.seconds}s, page cache on, median req/s of the rounds\n"
    )
    head = " | ".join(f"queries {m}" for m in modes)
    cpus = " | ".join(f"CPU {m} single / sites (ratio)" for m in modes)
    print(f"| page | {head} | {cpus} | req/s single / sites | p99 ms single / sites |")
    print("|---|" + "---:|" * (2 * len(modes) + 2))
    single_urls, sites_urls = targets["single"][2], targets["sites"][2]
    for name, a, b in zip(PAGES, single_urls, sites_urls, strict=True):
        q = " | ".join(
            f"{_first_or_second(queries['single', m][a], m)} / "
            f"{_first_or_second(queries['sites', m][b], m)}"
            for m in modes
        )
        c = " | ".join(
            f"{median(cpu['single', m, a]):.2f} / {median(cpu['sites', m, b]):.2f} "
            f"({median(cpu['sites', m, b]) / median(cpu['single', m, a]):.2f})"
            for m in modes
        )
        rps = [median(r["rps"] for r in load[target, url]) for target, url in
               (("single", a), ("sites", b))]  # fmt: skip
        p99 = [median(r["p99"] for r in load[target, url]) for target, url in
               (("single", a), ("sites", b))]  # fmt: skip
        print(f"| {name} | {q} | {c} | {rps[0]:.0f} / {rps[1]:.0f} | {p99[0]:.1f} / {p99[1]:.1f} |")
    print(f"\nProvince home `/` at {PROVINCE} ({args.sites - 1} communes):")
    print("| page cache | queries | CPU ms | req/s | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for mode in modes:
        r = province["load"].get(mode)
        loaded = f"{r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f}" if r else "| |"
        q = _first_or_second(province["queries"][mode], mode)
        print(f"| {mode} | {q} | {province['cpu'][mode]:.2f} | {loaded} |")


def _first_or_second(pair, mode):
    # A hit or a miss with warm fragments: the second view; nothing cached: the first.
    return pair[0] if mode == "off" else pair[1]
