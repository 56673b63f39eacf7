"""What the benchmark's parts share: servers on loopback (gunicorn, nginx, a minimal Django
view), wrk, and the portal's management commands, for this code or another tree of it."""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


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


def manage(env, *args, root=ROOT):
    subprocess.run([PYTHON, "manage.py", *args], cwd=root, env=env, check=True)


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


def start_gunicorn(env, workers, root=ROOT):
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "chauthanh.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", str(workers), "--log-level", "warning"],
        cwd=root, env=env,
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


def wrk(url, seconds, connections, script, host=None):
    """wrk's figures for `url`; `host`: the Host header (a site other than the default)."""
    headers = ["-H", f"Host: {host}"] if host else []
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
         *headers, url],
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


NGINX_CONF = """
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{ root {tmp}/www; default_type text/html; try_files /page.html =404; }}
    }}
}}
"""


def wait_for(url, process):
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).read()  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{url} did not answer")


def start_nginx(tmp, page):
    www = Path(tmp) / "www"
    www.mkdir(exist_ok=True)
    (www / "page.html").write_bytes(page)
    # nginx's workers run as "nobody": they must be able to walk into the temporary directory.
    for path in (Path(tmp), www, www / "page.html"):
        path.chmod(0o755)
    port = free_port()
    conf = Path(tmp) / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)])
    url = f"http://127.0.0.1:{port}/"
    wait_for(url, process)
    return process, url


def start_minimal_django(env, tmp, page, workers):
    page_file = Path(tmp) / "minimal-page.html"
    page_file.write_bytes(page)
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "--chdir", str(ROOT / "bench"), "minimal_django:application",
         "-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=dict(env, BENCH_PAGE_FILE=str(page_file)),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    wait_for(url, process)
    return process, url


def stop(process):
    process.terminate()
    process.wait(timeout=30)


def worker_rss_mb(process):
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    out = subprocess.run(
        ["ps", "--ppid", str(process.pid), "-o", "rss="], capture_output=True, text=True
    ).stdout.split()
    return [int(kb) / 1024 for kb in out]


def shell(env, code, root=ROOT):
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=root, env=env, capture_output=True,
        text=True, check=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip


def drain(base, limit=120):
    """Wait until the workers have answered the requests wrk left queued (slow pages), so the
    next page is not measured behind them."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        began = time.monotonic()
        with contextlib.suppress(OSError):
            urllib.request.urlopen(base + "/healthz", timeout=limit).read()  # noqa: S310
        if time.monotonic() - began < 0.5:
            return
