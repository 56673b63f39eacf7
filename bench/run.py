"""`make bench`: the portal under gunicorn on PostgreSQL, loaded by wrk on 127.0.0.1.

Measures the article page with the visitor counter on and off in the same run (interleaved,
so drift on a busy machine hits both alike) and prints req/s, latency and their ratio.
Needs PostgreSQL (BENCH_DATABASE_URL) and wrk; `.ci/run` and README say how to get them.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DB = "postgres://chauthanh:chauthanh-ci@127.0.0.1:5432/chauthanh_bench"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(database_url, static_root, media_root):
    env = dict(os.environ)
    env.update(
        DEBUG="false", SECRET_KEY="bench-only-secret-key-not-for-production" * 2,
        ALLOWED_HOSTS="127.0.0.1", DATABASE_URL=database_url, STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root), LOG_LEVEL="WARNING",
    )  # fmt: skip
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database(database_url):
    import psycopg2
    from psycopg2 import sql

    match = re.match(r"postgres(?:ql)?://([^:]+):([^@]+)@([^:/]+):?(\d*)/(.+)", database_url)
    user, password, host, port, name = match.groups()
    conn = psycopg2.connect(
        dbname="postgres", user=user, password=password, host=host, port=port or 5432
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cur.fetchone():
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()


def start_gunicorn(env, workers):
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "chauthanh.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()  # noqa: S310 - loopback
            return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def wrk(url, seconds, connections, script):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps, "p50": latency(50), "p99": latency(99),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2, help="on/off pairs, interleaved")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    ensure_database(database_url)
    script = ROOT / "bench" / "visitors.lua"
    with tempfile.TemporaryDirectory() as tmp:
        env = base_env(database_url, Path(tmp) / "static", Path(tmp) / "media")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "loaddata", "nq35_report", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
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
                    wrk(url + article, args.warmup, args.connections, script)
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
        f"(after {args.warmup}s warm-up); gunicorn {args.workers} sync workers; PostgreSQL\n"
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


if __name__ == "__main__":
    main()
