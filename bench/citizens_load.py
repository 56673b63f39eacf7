"""Load test of the intake behind nginx (3 gunicorn workers), on SQLite and on PostgreSQL.

600 submissions, each a GET of the form then a POST after the minimum fill time, from source
addresses spread across 127.0.0.0/8 (one /24 network each; nginx passes each client's address
in X-Forwarded-For, which Django trusts from nginx only). Checks: no 500, every accepted
submission's receipt number is in the database exactly once and the numbers are gapless.
A benchmark, not a timed test: it prints what it measured.

    .venv/bin/python bench/citizens_load.py [--submissions 600] [--concurrency 30]
        [--database sqlite|postgres]   # postgres: BENCH_DATABASE_URL (a database it may empty)
"""

import argparse
import collections
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.citizens_http import IntakeClient, feedback  # noqa: E402
from tests.servers import manage, production_env, start_gunicorn, start_nginx, stop  # noqa: E402

FORM = "/gui-y-kien/gop-y/"
ROWS = """
from citizens.models import Inquiry
for pk, number in Inquiry.objects.values_list("pk", "number"):
    print("ROW", pk, number)
"""


def source(n):
    """A loopback address of its own /24 network: 127.<1..>.<0..249>.7."""
    return f"127.{n // 250 + 1}.{n % 250}.7"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=30)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="citizens-load-"))
    url = f"sqlite:///{base / 'db.sqlite3'}"
    if args.database == "postgres":
        url = os.environ["BENCH_DATABASE_URL"]
    env = production_env(
        DATABASE_URL=url, MEDIA_ROOT=base / "media", STATIC_ROOT=base / "static",
        PRIVATE_MEDIA_ROOT=base / "private", HTTPS="true", VISITORS_TRUSTED_PROXIES=1,
        CITIZENS_MIN_FILL_SECONDS=1, LOG_FORMAT="plain", LOG_LEVEL="WARNING",
    )  # fmt: skip
    if args.database == "postgres":
        manage("flush", "--noinput", env=env, check=False)
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    gunicorn = start_gunicorn(env, base / "gunicorn.log", workers=3)
    nginx = start_nginx(base / "nginx", gunicorn.port, base / "static", base / "media")
    try:
        started = time.monotonic()

        def one(n):
            client = IntakeClient(nginx.https_port, https=True, source=source(n))
            status, location, _ = client.submit(FORM, feedback(n), wait=1.1)
            return status, location

        with ThreadPoolExecutor(args.concurrency) as pool:
            results = list(pool.map(one, range(args.submissions)))
        elapsed = time.monotonic() - started
    finally:
        stop(nginx)
        stop(gunicorn)
    statuses = collections.Counter(status for status, _ in results)
    accepted = [
        int(re.search(r"/y-kien-cua-toi/(\d+)-", loc).group(1)) for _, loc in results if loc
    ]
    rows = [
        line.split()[1:] for line in manage("shell", "-c", ROWS, env=env).stdout.splitlines()
        if line.startswith("ROW ")
    ]  # fmt: skip
    in_db = collections.Counter(int(pk) for pk, _ in rows)
    numbers = [number for _, number in rows]
    sequence = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    print(
        f"database: {args.database}; {args.submissions} submissions, {args.concurrency} at a time"
    )
    rate = args.submissions / elapsed
    print(f"elapsed: {elapsed:.1f} s ({rate:.1f} submissions/s, each with its 1.1 s fill time)")
    print(f"answers: {dict(statuses)}")
    print(f"accepted: {len(accepted)}; rows: {len(rows)}; distinct numbers: {len(set(numbers))}")
    ok = (
        statuses.get(500, 0) == 0
        and all(in_db[pk] == 1 for pk in accepted)
        and len(rows) == len(accepted) == len(set(numbers))
        and sequence == list(range(1, len(sequence) + 1))
    )
    print("every accepted receipt number is in the database exactly once, gapless:", ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
