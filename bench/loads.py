"""`make bench`, part "loads" (issue 15): three loads, on this code and on the commit before
issue 15 (a git worktree of it, with a database of its own made by its own code), in the same
run, interleaved round by round so that the machine's drift hits both alike, each beside the
minimal Django view measured in the same round.

- warm: the 35-NQ/TW report, the page cache warm;
- crawl: every published article once, in one fixed shuffled order (seed 15), as a search
  engine or a reader of old news goes through them: page-cache misses;
- searches: the 1,000 distinct queries of bench/queries.txt (with and without diacritics), each
  once: misses too.
A crawl or search round takes its own slice of the list, the same slice on both trees, so no URL
is asked twice of one server. Then the CPU per page-cache miss, in-process (bench/cpu.py), on
both trees. All with the visitor counter on (1,000 browsers: visitors.lua, list.lua).
"""

import json
import os
import random
import subprocess
import tempfile
import urllib.request
from pathlib import Path
from statistics import mean
from urllib.parse import quote_plus

from common import (
    ROOT,
    base_env,
    drain,
    ensure_database,
    manage,
    shell,
    start_gunicorn,
    start_minimal_django,
    stop,
    wrk,
)

# main when issue 15 began: the code the gains are measured against.
BASE_COMMIT = "236ab63870108f28e69a64223340af043c8fb1c5"
VISITORS = ROOT / "bench" / "visitors.lua"
LIST = ROOT / "bench" / "list.lua"
THREADS = 2
GOALS = {"warm article": 0.80, "crawl": 0.15, "distinct searches": 0.10}

PUBLISHED_URLS = """
import os
from news.models import Article
with open(os.environ["BENCH_OUT"], "w") as f:
    for slug in Article.objects.published().order_by("pk").values_list("slug", flat=True):
        f.write(f"/tin-tuc/{slug}/\\n")
print("ok")
"""
REPORT_URL = """
from news.models import Article
print(Article.objects.published().exclude(slug__startswith="demo-").get().get_absolute_url())
"""


def base_tree(rev):
    """A worktree of `rev` under .bench/ (made once; git keeps it until removed)."""
    sha = subprocess.run(
        ["git", "rev-parse", rev], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    tree = ROOT / ".bench" / f"base-{sha[:7]}"
    if not (tree / "manage.py").exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), sha], cwd=ROOT, check=True)
    return tree


class Tree:
    """One tree of the code with its database, static and media files."""

    def __init__(self, label, root, database_url, tmp):
        self.label, self.root = label, root
        self.env = base_env(database_url, Path(tmp) / label / "static", Path(tmp) / label / "media")
        if database_url.startswith("postgres"):
            ensure_database(database_url)

    def prepare(self, articles):
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["loaddata", "nq35_report", "-v0"],
            ["generate_demo_data", "--articles", str(articles), "--seed", "1"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            manage(self.env, *command, root=self.root)

    def start(self, workers):
        env = dict(self.env, PAGE_CACHE_SECONDS="60", FRAGMENT_CACHE_SECONDS="60")
        return start_gunicorn(env, workers, root=self.root)

    def cpu(self, views):
        env = dict(self.env, PAGE_CACHE_SECONDS="0", FRAGMENT_CACHE_SECONDS="60")
        env.update(BENCH_ROOT=str(ROOT), BENCH_CPU_VIEWS=str(views))
        return json.loads(shell(env, f"exec(open({str(ROOT / 'bench' / 'cpu.py')!r}).read())",
                                root=self.root))  # fmt: skip


def write_lists(tree, tmp):
    """The crawl's URLs (every published article, shuffled once with seed 15) and the
    searches' (bench/queries.txt), as files for list.lua."""
    crawl = Path(tmp) / "crawl.txt"
    shell(dict(tree.env, BENCH_OUT=str(crawl)), PUBLISHED_URLS, root=tree.root)
    urls = crawl.read_text().split()
    random.Random(15).shuffle(urls)  # noqa: S311 - a fixed order, not a secret
    crawl.write_text("\n".join(urls) + "\n")
    queries = (ROOT / "bench" / "queries.txt").read_text(encoding="utf-8").split("\n")
    searches = Path(tmp) / "searches.txt"
    searches.write_text("".join(f"/tim-kiem/?q={quote_plus(q)}\n" for q in queries if q))
    return {"crawl": (crawl, len(urls)), "distinct searches": (searches, len(queries) - 1)}


def run_list(url, path, first, last, seconds, connections):
    """list.lua over lines first..last (1-based) of `path`: the rate of its answers."""
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-s", str(LIST), url],
        capture_output=True, text=True, check=True,
        env=dict(os.environ, BENCH_LIST=str(path), BENCH_FROM=str(first), BENCH_TO=str(last),
                 BENCH_THREADS=str(THREADS)),
    ).stdout  # fmt: skip
    line = next(x for x in out.splitlines() if x.startswith("LIST "))
    fields = dict(item.split("=") for item in line.split()[1:])
    answered, seconds_taken = int(fields["answered"]), float(fields["seconds"])
    return {
        "rps": answered / seconds_taken if seconds_taken > 0 else 0.0,
        "p50": float(fields["p50_ms"]),
        "p99": float(fields["p99_ms"]),
        "errors": int(fields["failed"]),
        "answered": answered,
        "listed": int(fields["listed"]),
    }


def bench_loads(args, database, database_url, tmp):
    after = Tree("after", ROOT, database_url, tmp)
    base_url = database_url.replace(".sqlite3", "-base.sqlite3")
    if database_url.startswith("postgres"):
        base_url = database_url + "_base"
    before = Tree("before", base_tree(args.base), base_url, tmp)
    for tree in (before, after):
        tree.prepare(args.load_articles[database])
    lists = write_lists(after, tmp)
    report = shell(after.env, REPORT_URL, root=after.root).split()[-1]
    process, url = after.start(args.workers)
    try:  # the minimal Django view returns the same bytes as the report page
        page = urllib.request.urlopen(url + report, timeout=10).read()  # noqa: S310
    finally:
        stop(process)
    results = {name: {"before": [], "after": []} for name in GOALS}
    minimal = []
    rounds = args.load_rounds
    for r in range(rounds):
        minimal.append(measure_minimal(args, after, tmp, page))
        for tree in (before, after) if r % 2 == 0 else (after, before):
            process, url = tree.start(args.workers)
            try:
                # Workers that have met the 1,000 visitors, templates compiled (the home page,
                # which no list holds), then the report cached.
                wrk(url + "/", max(args.warmup, 3), args.page_connections, VISITORS)
                wrk(url + report, args.warmup, args.page_connections, VISITORS)
                results["warm article"][tree.label].append(
                    wrk(url + report, args.seconds, args.page_connections, VISITORS)
                )
                for name in ("crawl", "distinct searches"):
                    path, size = lists[name]
                    share = size // rounds
                    first, last = r * share + 1, (r + 1) * share
                    results[name][tree.label].append(
                        run_list(url, path, first, last, args.seconds, args.page_connections)
                    )
                    drain(url)
            finally:
                stop(process)
    minimal.append(measure_minimal(args, after, tmp, page))
    cpu = {tree.label: tree.cpu(args.cpu_views) for tree in (before, after)}
    return {"minimal": minimal, "results": results, "cpu": cpu, "lists": lists}


def measure_minimal(args, tree, tmp, page):
    process, url = start_minimal_django(tree.env, tmp, page, args.workers)
    try:
        wrk(url, args.warmup, args.page_connections, VISITORS)
        return wrk(url, args.seconds, args.page_connections, VISITORS)
    finally:
        stop(process)


def print_loads(args, label, outcome):
    minimal = mean(r["rps"] for r in outcome["minimal"])
    runs = ", ".join(f"{r['rps']:.0f}" for r in outcome["minimal"])
    print(
        f"\nLoads, {label}, {args.load_articles_label}: wrk -t{THREADS} "
        f"-c{args.page_connections}, {args.seconds}s a run, {args.load_rounds} interleaved "
        f"rounds; gunicorn {args.workers} sync workers; page cache on; visitor counter on\n"
        f"minimal Django view: {minimal:.0f} req/s (each round: {runs})\n"
    )
    print("| load | tree | req/s (each round) | ÷ minimal | p50 ms | p99 ms | non-2xx | goal |")
    print("|---|---|---|---:|---:|---:|---:|---|")
    for name, goal in GOALS.items():
        for tree in ("before", "after"):
            rows = outcome["results"][name][tree]
            rps = mean(r["rps"] for r in rows)
            each = ", ".join(f"{r['rps']:.0f}" for r in rows)
            ratio = rps / minimal
            met = (
                ("met" if ratio >= goal else f"missed by {goal / ratio:.1f}×")
                if tree == "after"
                else ""
            )
            print(
                f"| {name} | {tree} | {each} | {ratio:.3f} | {mean(r['p50'] for r in rows):.1f} "
                f"| {max(r['p99'] for r in rows):.1f} | {sum(r['errors'] for r in rows)} "
                f"| ≥ {goal:.2f} {met} |"
            )  # fmt: skip
        if name != "warm article":
            asked = [r["answered"] for r in outcome["results"][name]["after"]]
            listed = [r["listed"] for r in outcome["results"][name]["after"]]
            if asked == listed:
                print(f"| | | (the after tree answered its whole slice each round: {listed}) |")
    print("\nCPU per page-cache miss, in-process (ms; bench/cpu.py):\n")
    print("| page | before | after |")
    print("|---|---:|---:|")
    before, after = outcome["cpu"]["before"], outcome["cpu"]["after"]
    for page in after:
        print(f"| {page} | {before.get(page, '?')} | {after[page]} |")


def main_loads(args, databases):
    for database, database_url in databases.items():
        if database not in args.databases:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            args.load_articles_label = f"{args.load_articles[database]:,} demo articles"
            outcome = bench_loads(args, database, database_url, tmp)
            label = {"postgresql": "PostgreSQL", "sqlite": "SQLite (WAL)"}[database]
            print_loads(args, label, outcome)
            saved = ROOT / ".bench" / f"loads-{database}.json"
            outcome.pop("lists")
            saved.write_text(json.dumps(outcome, indent=1))
