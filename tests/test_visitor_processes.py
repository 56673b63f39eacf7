"""Exact visits across processes: gunicorn's workers, each with its own counter, count into the
database of this pass (SQLite or PostgreSQL) while the test sends requests at once.

Each worker keeps its own buffer and remembers only the visits it confirmed itself, so these
tests catch a count that is exact in one process but not across several.
"""

import json
import signal
import subprocess
import time

import pytest
from django.core.management import call_command
from django.db import connection

from news.models import Article
from visitors.models import ActiveVisitor, DailyStats, VisitorTotals

from .concurrency import at_once
from .servers import PYTHON, ROOT, database_url, fetch, production_env, start_gunicorn, stop

pytestmark = pytest.mark.django_db(transaction=True)

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
BASELINE = 2298724  # the report fixture's "Tất cả" before this site counted anything


def gunicorn(tmp_path, workers=4, **settings):
    """gunicorn on the test database, production settings, behind one (absent) trusted proxy;
    static files from their folders (not collected: they are not what is tested here)."""
    env = production_env(
        DATABASE_URL=database_url(connection.settings_dict), HTTPS="false", STATIC_FROM_SOURCE=1,
        MEDIA_ROOT=tmp_path / "media", VISITORS_TRUSTED_PROXIES=1, VISITORS_CACHE_SECONDS=0,
        **settings,
    )  # fmt: skip
    return start_gunicorn(env, tmp_path / "gunicorn.log", workers=workers)


def wait_for_page_views(expected, timeout=20):
    """The workers' threads write page views within VISITORS_FLUSH_SECONDS; wait for them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sum(DailyStats.objects.values_list("page_views", flat=True)) >= expected:
            break
        time.sleep(0.1)
    return sum(DailyStats.objects.values_list("page_views", flat=True))


def visits():
    return sum(DailyStats.objects.values_list("visits", flat=True))


def test_concurrent_visitors_across_worker_processes_are_counted_exactly(tmp_path):
    call_command("loaddata", "nq35_report", verbosity=0)
    article = Article.objects.get()
    server = gunicorn(tmp_path)
    base = f"http://127.0.0.1:{server.port}"
    try:
        # 40 distinct visitors at once: exactly 40 visits.
        distinct = at_once(40, lambda i: fetch(
            base + article.get_absolute_url(),
            headers={"User-Agent": FIREFOX, "X-Forwarded-For": f"203.113.7.{i + 1}"},
        )[0])  # fmt: skip
        assert distinct == [200] * 40
        assert wait_for_page_views(40) == 40
        assert visits() == 40 and VisitorTotals.objects.get().visits == 40
        assert ActiveVisitor.objects.count() == 40

        # One visitor's 20 parallel requests, spread over the workers: one visit more.
        same = at_once(20, lambda i: fetch(
            base + "/", headers={"User-Agent": FIREFOX, "X-Forwarded-For": "2402:800:1:2::5"},
        )[0])  # fmt: skip
        assert same == [200] * 20
        assert wait_for_page_views(60) == 60
        assert visits() == 41 and ActiveVisitor.objects.count() == 41

        # The same visitors again, a moment later: every worker meets some it never confirmed
        # itself; none of them starts a visit.
        again = at_once(40, lambda i: fetch(
            base + "/", headers={"User-Agent": FIREFOX, "X-Forwarded-For": f"203.113.7.{i + 1}"},
        )[0])  # fmt: skip
        assert again == [200] * 40
        assert wait_for_page_views(100) == 100
        status, _, body = fetch(base + "/visitors/stats.json")
    finally:
        stop(server)
    assert status == 200
    assert json.loads(body) == {
        "online": 41, "today": 41, "week": 41, "total": BASELINE + 41,
    }  # fmt: skip
    assert Article.objects.get().view_count == 40


def test_page_views_held_by_a_worker_are_written_when_it_stops(tmp_path):
    call_command("loaddata", "nq35_report", verbosity=0)
    # A minute's buffer: only the worker's exit can write these page views in time.
    server = gunicorn(tmp_path, workers=1, VISITORS_FLUSH_SECONDS=60)
    try:
        for i in range(5):
            headers = {"User-Agent": FIREFOX, "X-Forwarded-For": f"198.51.100.{i + 1}"}
            assert fetch(f"http://127.0.0.1:{server.port}/", headers=headers)[0] == 200
        assert visits() == 5  # visits are never buffered
        assert not DailyStats.objects.filter(page_views__gt=0).exists()
    finally:
        stop(server, signal.SIGTERM)  # gunicorn's graceful stop, as systemd sends it
    assert server.returncode == 0
    assert DailyStats.objects.get().page_views == 5


def test_processes_counting_at_once_start_each_visit_exactly_once(tmp_path):
    """Four processes, each with its own counter, count the same visitors' page views at the
    same moments (and visitors of their own): as tight a race as the database can be given."""
    processes, n = 4, 150
    env = production_env(
        DJANGO_SETTINGS_MODULE="chauthanh.settings", DATABASE_URL=database_url(
            connection.settings_dict), VISITORS_FLUSH_THREAD="false", VISITORS_FLUSH_SECONDS=60,
    )  # fmt: skip
    go = tmp_path / "go"
    bursts = [
        subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "tests.burst", str(go), f"p{k}", str(n)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for k in range(processes)
    ]
    try:
        for burst in bursts:
            assert burst.stdout.readline().strip() == "ready", burst.communicate()[1]
        go.touch()
        outputs = [burst.communicate(timeout=300) for burst in bursts]
    finally:
        for burst in bursts:
            burst.kill()
    assert [burst.returncode for burst in bursts] == [0] * processes, outputs
    expected = n + processes * n  # each shared visitor once, each process's own once
    assert sum(int(out) for out, _ in outputs) == expected
    assert visits() == expected and VisitorTotals.objects.get().visits == expected
    assert ActiveVisitor.objects.count() == expected
    assert DailyStats.objects.get().page_views == 2 * n * processes
