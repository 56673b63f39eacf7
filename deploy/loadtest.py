#!/usr/bin/env python3
"""Load test of a running portal: wrk with many distinct visitors, then the visitor figures.

    python3 deploy/loadtest.py https://chauthanh.example.gov.vn/ --duration 60 --connections 64

Passes (exit 0) when the load got no error at all (no socket error, no status >= 400) and
the visitor statistics (/visitors/stats.json) grew by exactly the number of distinct visitors
(User-Agents) the load sent: today, this week and in total. Run it against a site whose other
traffic is quiet, or the figures include real visitors too. Standard library and wrk only.
"""

import argparse
import json
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

LUA = Path(__file__).with_name("loadtest.lua")
STATS_PATH = "/visitors/stats.json"
FIGURES = ("today", "week", "total")


def read_stats(base, insecure):
    context = ssl._create_unverified_context() if insecure else None  # noqa: S323 (opt-in)
    request = urllib.request.Request(  # noqa: S310
        urljoin(base, STATS_PATH), headers={"Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10, context=context) as response:  # noqa: S310
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None  # the site has no visitor statistics
        raise


def run_wrk(url, duration, connections, threads, visitors, paths, timeout):
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s",
        "-s", str(LUA), url, "--", str(visitors), ",".join(paths),
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(x for x in output.splitlines() if x.startswith("LOADTEST_JSON "))
    return json.loads(line.removeprefix("LOADTEST_JSON "))


def warm_up(url, seconds, connections, paths):
    """Loads every worker's code and templates with requests that are not visitors (wrk sends
    no User-Agent, and an empty User-Agent is not counted)."""
    for path in paths:
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", urljoin(url, path)]
        subprocess.run(command, capture_output=True, check=True)  # noqa: S603


def load_test(url, duration=60, connections=64, threads=2, visitors=200, paths=("/",),
              insecure=False, settle=15, timeout=10, warmup=2):  # fmt: skip
    if warmup:
        warm_up(url, warmup, connections, paths)
    before = read_stats(url, insecure)
    result = run_wrk(url, duration, connections, threads, visitors, paths, timeout)
    # Visitor i is surely answered once every thread issued it and then many more requests.
    result["all_visitors_sent"] = min(result["issued_per_thread"]) >= 2 * visitors
    result["requests_per_second"] = round(result["requests"] / (result["duration_us"] / 1e6), 1)
    result["error_count"] = sum(result["errors"].values())
    result["visitors_sent"] = visitors
    result["visitors"] = None
    if before is not None:
        # The figures may be cached for a few seconds (VISITORS_CACHE_SECONDS): wait for them.
        deadline = time.monotonic() + settle
        while True:
            after = read_stats(url, insecure)
            deltas = {key: after[key] - before[key] for key in FIGURES}
            if all(v == visitors for v in deltas.values()) or time.monotonic() > deadline:
                break
            time.sleep(1)
        result["visitors"] = {"before": before, "after": after, "deltas": deltas}
    result["passed"] = (
        result["error_count"] == 0
        and result["all_visitors_sent"]
        and (
            result["visitors"] is None
            or all(v == visitors for v in result["visitors"]["deltas"].values())
        )
    )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the site's address, e.g. https://127.0.0.1:8443/")
    parser.add_argument("--duration", type=int, default=60, help="seconds (default 60)")
    parser.add_argument("--connections", type=int, default=64, help="default 64")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--visitors", type=int, default=200, help="distinct User-Agents")
    parser.add_argument("--paths", default="/", help="comma-separated paths (default /)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds per path, not counted")
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed cert")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = load_test(
        args.url, args.duration, args.connections, args.threads, args.visitors,
        args.paths.split(","), args.insecure, warmup=args.warmup,
    )  # fmt: skip
    if args.json:
        print(json.dumps(result))
    else:
        latency = result["latency_ms"]
        print(
            f"{result['requests']} requests in {result['duration_us'] / 1e6:.1f} s: "
            f"{result['requests_per_second']} req/s, p50 {latency['p50']} ms, "
            f"p99 {latency['p99']} ms, max {latency['max']} ms; errors {result['errors']}"
        )
        if not result["all_visitors_sent"]:
            print("Too few requests to send every visitor twice over: lower --visitors.")
        if result["visitors"] is None:
            print("Visitor figures not checked: the site has no /visitors/stats.json.")
        else:
            print(f"Visitors sent {args.visitors}; figures grew by {result['visitors']['deltas']}")
        print("PASSED" if result["passed"] else "FAILED")
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
