"""Real servers on loopback for the production tests: gunicorn, nginx, Redis.

Each runs from its own config in a temporary directory, on a random free port, and is stopped
by its PID. Stdlib only, plus the repository's own deploy/ files.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYTHON = sys.executable
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
# deploy/nginx/chauthanh.conf serves WhiteNoise's .br files (brotli_static): Debian's module.
NGINX_BROTLI = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
WRK = shutil.which("wrk")
PRODUCTION_SECRET = "prod-test-" + "k3y" * 20  # long and varied: check --deploy accepts it


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process=None, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# What a production process takes from the machine. Nothing else of the test run's environment:
# not pyproject's [tool.pytest_env] (the suite's throwaway key, no page cache, ...), nor
# DJANGO_*/PYTEST_* variables, nor a developer's exported settings.
MACHINE_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ", "USER")


def production_env(**overrides):
    """The environment of a production process: DEBUG off, every other setting its default."""
    env = {k: os.environ[k] for k in MACHINE_VARIABLES if k in os.environ}
    env.update(
        DEBUG="false",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_FORMAT="json",
        PYTHONUNBUFFERED="1",
    )
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def manage(*args, env, check=True):
    return subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        check=check, timeout=300,
    )  # fmt: skip


def database_url(settings_dict, name=None):
    """A DATABASE_URL for another process, from a Django database's settings."""
    name = name or settings_dict["NAME"]
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{name}"
    return (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@"
        f"{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{name}"
    )


@contextmanager
def database_beside_the_tests(base, suffix, django_db_blocker):
    """The DATABASE_URL of an empty database of its own for production processes: a SQLite
    file in `base`, or a PostgreSQL database named after the test one (dropped afterwards)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield f"sqlite:///{base / 'db.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_{suffix}"

    def drop(create=False):
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if create:
                cursor.execute(f'CREATE DATABASE "{name}"')

    drop(create=True)
    try:
        yield database_url(connection.settings_dict, name)
    finally:
        drop()


def start_gunicorn(env, log_path, workers=2):
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers:  # else deploy/gunicorn.conf.py's own choice, from the cores
        env["GUNICORN_WORKERS"] = str(workers)
    log = open(log_path, "ab")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py")],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    process.log = log
    wait_for_port(port, process)
    process.port = port
    return process


def render_template(template, **values):
    sys.path.insert(0, str(DEPLOY))
    try:
        import render
    finally:
        sys.path.remove(str(DEPLOY))
    return render.render(Path(template).read_text(), {k: str(v) for k, v in values.items()})


def self_signed_certificate(directory):
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(  # noqa: S603, S607 (openssl from PATH)
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def start_nginx(
    directory, upstream_port, static_root, media_root, max_upload="30m", maintenance_root=None
):
    """Debian's nginx with the repository's site file (deploy/nginx/chauthanh.conf)."""
    extra = {"MAINTENANCE_ROOT": maintenance_root} if maintenance_root else {}
    directory.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed_certificate(directory)
    http_port, https_port = free_port(), free_port()
    site = render_template(
        DEPLOY / "nginx" / "chauthanh.conf",
        SERVER_NAME="localhost 127.0.0.1", HTTP_LISTEN=f"127.0.0.1:{http_port}",
        HTTPS_LISTEN=f"127.0.0.1:{https_port}", SSL_CERTIFICATE=cert, SSL_CERTIFICATE_KEY=key,
        UPSTREAM=f"127.0.0.1:{upstream_port}", STATIC_ROOT=static_root, MEDIA_ROOT=media_root,
        MAX_UPLOAD=max_upload, **extra,
    )  # fmt: skip
    (directory / "site.conf").write_text(site)
    # The main file stands in for Debian's /etc/nginx/nginx.conf: only paths differ (Debian
    # loads its modules from modules-enabled/, relative to its own prefix).
    (directory / "nginx.conf").write_text(
        f"""
load_module {NGINX_BROTLI};
user root;
worker_processes 2;
daemon off;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {directory}/access.log;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {directory}/site.conf;
}}
"""
    )
    config = ["-c", str(directory / "nginx.conf"), "-p", str(directory)]
    subprocess.run([NGINX, "-t", *config], check=True, capture_output=True)  # noqa: S603
    process = subprocess.Popen(  # noqa: S603
        [NGINX, *config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for_port(https_port, process)
    process.http_port, process.https_port = http_port, https_port
    return process


def start_redis(directory):
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for_port(port, process)
    process.port = port
    return process


def fetch(url, method="GET", headers=None, data=None, insecure=True, timeout=15):
    """(status, headers, body) without raising on 4xx/5xx and without following redirects."""
    import ssl

    context = ssl._create_unverified_context() if insecure else None  # noqa: S323 (self-signed)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
