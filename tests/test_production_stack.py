"""The deployment for real on loopback: Debian's nginx with deploy/nginx/chauthanh.conf in front
of gunicorn with deploy/gunicorn.conf.py, the production settings (DEBUG off, HTTPS), the
database of this pass (SQLite or PostgreSQL), Redis started and killed, and the load script.
"""

import gzip
import http.client
import json
import os
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path

import brotli
import pytest
from django.apps import apps
from django.conf import settings

from .conftest import require
from .servers import (
    DEPLOY,
    NGINX,
    NGINX_BROTLI,
    REDIS,
    WRK,
    database_url,
    fetch,
    free_port,
    manage,
    production_env,
    start_gunicorn,
    start_nginx,
    start_redis,
    stop,
    wait_for_port,
)

# django_db: pytest-django creates the test database only for runs that select a test marked
# so; the stack's own database is made beside it (stack_env).
pytestmark = [pytest.mark.stack, pytest.mark.django_db]

REPORT_PHOTO = "news/2023/06/nq35-chu-tri-hoi-nghi.jpg"


@pytest.fixture(scope="module")
def stack_env(tmp_path_factory, django_db_setup, django_db_blocker):
    """A migrated database holding the 35-NQ/TW report, collected static files and media."""
    from django.db import connection

    base = tmp_path_factory.mktemp("stack")
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_stack"
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        url = database_url(connection.settings_dict, name)
    else:
        name, url = None, f"sqlite:///{base / 'db.sqlite3'}"
    env = production_env(
        DATABASE_URL=url, MEDIA_ROOT=base / "media", STATIC_ROOT=base / "static",
        SERVE_MEDIA="false", HTTPS="true", VISITORS_TRUSTED_PROXIES=1,
        VISITORS_CACHE_SECONDS=0,
    )  # fmt: skip
    for command in (["migrate", "--noinput"], ["ensure_report"], ["collectstatic", "--noinput"]):
        manage(*command, env=env)
    env["_BASE"] = str(base)
    yield env
    if name:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def require_nginx():
    require(os.path.exists(NGINX), "nginx (apt-get install nginx)")
    require(
        os.path.exists(NGINX_BROTLI),
        "nginx's Brotli module (apt-get install libnginx-mod-http-brotli-static)",
    )


@pytest.fixture(scope="module")
def site(stack_env, tmp_path_factory):
    """nginx (HTTPS, self-signed) in front of gunicorn: yields the site's https:// address."""
    require_nginx()
    base = tmp_path_factory.mktemp("site")
    gunicorn = start_gunicorn(stack_env, base / "gunicorn.log", workers=None)
    nginx = start_nginx(
        base / "nginx",
        gunicorn.port,
        f"{stack_env['_BASE']}/static",
        f"{stack_env['_BASE']}/media",
    )
    try:
        yield type(
            "Site", (), {"url": f"https://127.0.0.1:{nginx.https_port}", "nginx": nginx,
                         "gunicorn": gunicorn, "log": base / "gunicorn.log"},
        )  # fmt: skip
    finally:
        stop(nginx, signal.SIGQUIT)
        stop(gunicorn)


def test_nginx_serves_a_page_from_gunicorn_with_the_security_headers(site):
    status, headers, body = fetch(site.url + "/")
    assert status == 200
    assert "Huyện ủy Châu Thành sơ kết 05 năm thực hiện Nghị quyết số 35-NQ/TW" in body.decode()
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert len(headers["X-Request-ID"]) >= 8
    assert "nginx/" not in headers.get("Server", "")  # server_tokens off


def test_plain_http_is_redirected_to_https(site):
    status, headers, _ = fetch(f"http://127.0.0.1:{site.nginx.http_port}/tin-tuc/?a=1")
    assert status == 301 and headers["Location"].startswith("https://")


def test_the_health_check_answers_over_plain_http_without_a_redirect(site):
    # A load balancer probes it on the private network; the docs promised it was exempt.
    status, _, body = fetch(f"http://127.0.0.1:{site.nginx.http_port}/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_static_files_carry_the_sites_frame_and_content_policies(site, stack_env):
    manifest = Path(stack_env["_BASE"], "static", "staticfiles.json").read_text()
    hashed = json.loads(manifest)["paths"]["css/site.css"]
    status, headers, _ = fetch(f"{site.url}/static/{hashed}")
    assert status == 200
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    # CKEditor's HTML samples are not shipped at all.
    sample = "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html"
    assert fetch(f"{site.url}/static/{sample}")[0] == 404


def test_nginx_serves_collected_static_files_compressed_and_cached(site, stack_env):
    manifest = Path(stack_env["_BASE"], "static", "staticfiles.json").read_text()
    hashed = json.loads(manifest)["paths"]["css/site.css"]
    status, headers, body = fetch(
        f"{site.url}/static/{hashed}", headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip"  # WhiteNoise's .gz, sent by gzip_static
    assert "max-age=2592000" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def hashed_static(stack_env, name):
    manifest = Path(stack_env["_BASE"], "static", "staticfiles.json").read_text()
    return json.loads(manifest)["paths"][name]


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_static_files_go_out_precompressed_with_vary(site, stack_env, encoding):
    """nginx sends WhiteNoise's .br or .gz as it is; without nginx, WhiteNoise does the same."""
    path = "/static/" + hashed_static(stack_env, "css/site.css")
    source = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_bytes()
    decompress = brotli.decompress if encoding == "br" else gzip.decompress
    gunicorn = start_gunicorn({**stack_env, "HTTPS": "false"}, site.log, workers=1)
    try:
        for base in (site.url, f"http://127.0.0.1:{gunicorn.port}"):
            status, headers, body = fetch(
                base + path, headers={"Accept-Encoding": f"{encoding}, deflate"}
            )
            assert status == 200 and headers["Content-Encoding"] == encoding, base
            assert "Accept-Encoding" in headers["Vary"], base
            assert decompress(body) == source and len(body) < len(source) / 2, base
            status, headers, body = fetch(base + path, headers={"Accept-Encoding": "identity"})
            assert "Content-Encoding" not in headers and body == source, base
    finally:
        stop(gunicorn)


def test_nginx_gzips_pages_and_feeds_and_keeps_them_revalidatable(site):
    for path in ("/", "/rss/", "/sitemap.xml"):  # (stats.json is under gzip_min_length)
        status, headers, body = fetch(site.url + path, headers={"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in headers["Vary"], path
        assert gzip.decompress(body), path
    # The feed's ETag is weakened by the compression; Django compares If-None-Match weakly.
    status, headers, _ = fetch(site.url + "/rss/", headers={"Accept-Encoding": "gzip"})
    assert headers["ETag"].startswith('W/"') and headers["Last-Modified"]
    for condition in ({"If-None-Match": headers["ETag"]},
                      {"If-Modified-Since": headers["Last-Modified"]}):  # fmt: skip
        condition["Accept-Encoding"] = "gzip"
        status, _, body = fetch(site.url + "/rss/", headers=condition)
        assert (status, body) == (304, b""), condition
    # A page never carries a validator, compressed or not.
    status, headers, _ = fetch(site.url + "/", headers={"Accept-Encoding": "gzip"})
    assert "ETag" not in headers and "Last-Modified" not in headers


def test_nginx_answers_conditional_gets_for_static_and_media_with_304(site, stack_env):
    manifest = Path(stack_env["_BASE"], "static", "staticfiles.json").read_text()
    hashed = json.loads(manifest)["paths"]["css/site.css"]
    for url in (f"{site.url}/static/{hashed}", f"{site.url}/media/{REPORT_PHOTO}"):
        status, headers, _ = fetch(url)
        assert status == 200 and headers["ETag"] and headers["Last-Modified"], url
        for condition in ({"If-None-Match": headers["ETag"]},
                          {"If-Modified-Since": headers["Last-Modified"]}):  # fmt: skip
            status, _, body = fetch(url, headers=condition)
            assert (status, body) == (304, b""), (url, condition)


def test_nginx_serves_media_images_inline_and_other_files_as_downloads(site, stack_env):
    status, headers, body = fetch(f"{site.url}/media/{REPORT_PHOTO}")
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and body[:2] == b"\xff\xd8"
    assert "Content-Disposition" not in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    media = f"{stack_env['_BASE']}/media"
    with open(f"{media}/trang.html", "w") as fh:
        fh.write("<script>alert(1)</script>")
    status, headers, _ = fetch(f"{site.url}/media/trang.html")
    assert status == 200 and headers["Content-Disposition"] == "attachment"
    assert "sandbox" in headers["Content-Security-Policy"]
    with open(f"{media}/.env", "w") as fh:
        fh.write("SECRET")
    assert fetch(f"{site.url}/media/.env")[0] == 404


def test_nginx_refuses_a_too_large_upload_with_413_in_vietnamese(site):
    # Headers only: nginx answers as soon as it reads Content-Length, before any body is sent.
    port = site.url.rsplit(":", 1)[1]
    insecure = ssl._create_unverified_context()  # noqa: S323 (our self-signed certificate)
    conn = http.client.HTTPSConnection("127.0.0.1", int(port), context=insecure, timeout=10)
    conn.putrequest("POST", "/admin/login/")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(31 * 1024 * 1024))
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 413
    assert "Tệp gửi lên quá lớn" in response.read().decode()
    conn.close()


def test_health_endpoint_through_nginx(site):
    status, _, body = fetch(f"{site.url}/healthz")
    assert status == 200
    assert json.loads(body) == {
        "status": "ok", "database": "ok", "migrations": "ok", "cache": "ok"
    }  # fmt: skip


def test_nginx_shows_a_vietnamese_page_when_the_application_is_down(stack_env, tmp_path):
    require_nginx()
    nginx = start_nginx(tmp_path / "nginx", free_port(), stack_env["_BASE"] + "/static", tmp_path)
    try:
        status, _, body = fetch(f"https://127.0.0.1:{nginx.https_port}/")
    finally:
        stop(nginx)
    assert status == 502 and "Trang tạm ngừng phục vụ" in body.decode()


# --- faults ---------------------------------------------------------------------------------


def test_database_down_gives_a_vietnamese_503_with_the_logged_request_id(stack_env, tmp_path):
    from django.db import connection

    if connection.vendor == "postgresql":
        dead = f"postgres://chauthanh:x@127.0.0.1:{free_port()}/chauthanh"
    else:
        dead = f"sqlite:///{tmp_path}/khong-co/db.sqlite3"  # its folder does not exist
    env = {**stack_env, "DATABASE_URL": dead, "HTTPS": "false"}
    gunicorn = start_gunicorn(env, tmp_path / "gunicorn.log", workers=1)
    try:
        status, headers, body = fetch(f"http://127.0.0.1:{gunicorn.port}/tin-tuc/bai-viet/")
        health = fetch(f"http://127.0.0.1:{gunicorn.port}/healthz")
    finally:
        stop(gunicorn)
    html = body.decode()
    assert status == 503 and headers["Retry-After"] == "60"
    assert "Trang tạm ngừng phục vụ" in html and "Traceback" not in html
    request_id = headers["X-Request-ID"]
    assert request_id in html
    assert health[0] == 503 and json.loads(health[2])["database"] in ("unreachable", "missing")
    errors = [json.loads(line) for line in (tmp_path / "gunicorn.log").read_text().splitlines()
              if line.startswith("{") and '"level": "ERROR"' in line]  # fmt: skip
    assert any(e["request_id"] == request_id and "exception" in e for e in errors), errors


def test_a_vanished_sqlite_file_fails_the_health_check(stack_env, tmp_path):
    """The file deleted under a running site: every page answers 503, so /healthz must too (it
    said ok: SQLite re-created an empty file, which answers SELECT 1)."""
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only (this pass runs on PostgreSQL)")
    database = tmp_path / "db.sqlite3"
    source = sqlite3.connect(stack_env["DATABASE_URL"].removeprefix("sqlite:///"))
    with sqlite3.connect(database) as target:
        source.backup(target)
    source.close()
    env = {**stack_env, "DATABASE_URL": f"sqlite:///{database}", "HTTPS": "false"}
    gunicorn = start_gunicorn(env, tmp_path / "gunicorn.log", workers=1)
    base = f"http://127.0.0.1:{gunicorn.port}"
    try:
        assert fetch(base + "/healthz")[0] == 200
        for path in tmp_path.glob("db.sqlite3*"):
            path.unlink()
        page = fetch(base + "/")[0]
        status, _, body = fetch(base + "/healthz")
    finally:
        stop(gunicorn)
    assert page == 503
    assert status == 503
    assert json.loads(body)["status"] == "fail"
    assert json.loads(body)["database"] in ("missing", "unreachable")


def test_site_keeps_serving_while_redis_is_down(stack_env, tmp_path):
    redis, gunicorn, base = redis_site(stack_env, tmp_path, breaker_seconds=1)
    try:
        assert json.loads(fetch(base + "/healthz")[2])["cache"] == "ok"
        stop(redis)
        status, _, body = fetch(base + "/")
        health = fetch(base + "/healthz")
        redis = start_redis_on(tmp_path / "redis", redis.port)
        recovered = health_once_recovered(base)
    finally:
        stop(gunicorn)
        stop(redis)
    assert status == 200 and "<main" in body.decode()
    assert health[0] == 200 and json.loads(health[2])["cache"] in ("unavailable", "skipped")
    assert json.loads(health[2])["status"] == "degraded"
    assert recovered == {"status": "ok", "database": "ok", "migrations": "ok", "cache": "ok"}
    log = (tmp_path / "gunicorn.log").read_text()
    assert '"logger": "operations.cache"' in log  # the fault was logged


def redis_site(stack_env, tmp_path, breaker_seconds):
    """Redis, and gunicorn (one worker, plain HTTP) caching in it: (redis, gunicorn, base URL)."""
    require(os.path.exists(REDIS), "redis-server (apt-get install redis-server)")
    redis = start_redis(tmp_path / "redis")
    env = {
        **stack_env, "CACHE_URL": f"redis://127.0.0.1:{redis.port}/1", "HTTPS": "false",
        "REDIS_BREAKER_SECONDS": str(breaker_seconds),
    }  # fmt: skip
    gunicorn = start_gunicorn(env, tmp_path / "gunicorn.log", workers=1)
    return redis, gunicorn, f"http://127.0.0.1:{gunicorn.port}"


def health_once_recovered(base, seconds=10):
    """/healthz once its cache is ok again (the breaker probes Redis after its pause)."""
    deadline = time.monotonic() + seconds
    while True:
        health = json.loads(fetch(base + "/healthz")[2])
        if health["cache"] == "ok" or time.monotonic() > deadline:
            return health
        time.sleep(0.2)


def test_a_hung_redis_costs_one_timeout_then_pages_go_on_without_it(stack_env, tmp_path):
    """SIGSTOP: Redis accepts connections and never answers. Each cache call used to wait its
    0.5 s timeout, many per page (5-11 s a page); now the first one trips the breaker."""
    redis, gunicorn, base = redis_site(stack_env, tmp_path, breaker_seconds=2)
    pages = ["/", "/van-ban/", "/tim-kiem/?q=nghi+quyet", "/", "/so-do-trang/"]
    try:
        assert fetch(base + "/")[0] == 200
        redis.send_signal(signal.SIGSTOP)
        start = time.monotonic()
        statuses = [fetch(base + page, timeout=30)[0] for page in pages]
        elapsed = time.monotonic() - start
        health = json.loads(fetch(base + "/healthz")[2])
        redis.send_signal(signal.SIGCONT)
        recovered = health_once_recovered(base)
    finally:
        redis.send_signal(signal.SIGCONT)
        stop(gunicorn)
        stop(redis)
    assert statuses == [200] * len(pages)
    # One 0.5 s timeout, perhaps one more probe after the 2 s pause; before: 5 s and more a page.
    assert elapsed < 3.5, elapsed
    assert health["status"] == "degraded" and health["cache"] == "skipped"
    assert recovered["cache"] == "ok"
    log = (tmp_path / "gunicorn.log").read_text()
    assert log.count("the cache is skipped for") <= 2  # one line, not a traceback per call


def start_redis_on(directory, port):
    """Redis again on the port it had (the application's CACHE_URL does not change)."""
    process = subprocess.Popen(  # noqa: S603
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for_port(port, process)
    return process


# --- load ---------------------------------------------------------------------------------------

LOAD = {
    "duration": int(os.environ.get("LOADTEST_DURATION", "5")),
    "connections": int(os.environ.get("LOADTEST_CONNECTIONS", "8")),
    "visitors": int(os.environ.get("LOADTEST_VISITORS", "10")),
}


@pytest.fixture(scope="module")
def load_result(site):
    """deploy/loadtest.py, as an administrator runs it, against nginx + gunicorn."""
    require(WRK, "wrk (apt-get install wrk)")
    from news.management.commands.ensure_report import REPORT_SLUG

    paths = ["/", f"/tin-tuc/{REPORT_SLUG}/", "/van-ban/"]
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(DEPLOY / "loadtest.py"), site.url + "/", "--insecure", "--json",
         "--duration", str(LOAD["duration"]), "--connections", str(LOAD["connections"]),
         "--visitors", str(LOAD["visitors"]), "--paths", ",".join(paths)],
        capture_output=True, text=True, timeout=LOAD["duration"] + 120,
    )  # fmt: skip
    report = json.loads(result.stdout)
    print("load test:", json.dumps(report))
    return report


def test_load_gets_no_error(load_result):
    assert load_result["all_visitors_sent"], load_result["issued_per_thread"]
    assert load_result["errors"] == {
        "connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0
    }  # fmt: skip


def test_visitor_figures_are_exactly_the_visitors_the_load_sent(load_result):
    assert apps.is_installed("visitors")
    deltas = load_result["visitors"]["deltas"]
    assert deltas == {
        "today": LOAD["visitors"],
        "week": LOAD["visitors"],
        "total": LOAD["visitors"],
    }
