"""Lighthouse on mobile for the home and an article, through nginx (issue 20): the median of 3
runs of a pinned Lighthouse from npm with Debian's Chromium. Not a CI gate: the figures go to
docs/lighthouse.md.

    .venv/bin/python bench/lighthouse.py
"""

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, base_env, free_port, manage, start_gunicorn, stop, wait_for  # noqa: E402
from bench.screenshots import FILL  # noqa: E402

LIGHTHOUSE = "lighthouse@13.5.0"  # pinned: scores move between versions
RUNS = 3
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
NGINX = """
daemon off; worker_processes 1; pid {tmp}/nginx.pid; error_log {tmp}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off; client_body_temp_path {tmp}; proxy_temp_path {tmp};
  fastcgi_temp_path {tmp}; uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
  gzip on; gzip_types text/css application/javascript image/svg+xml application/json;
  server {{
    listen 127.0.0.1:{port};
    location / {{ proxy_pass {upstream}; proxy_set_header Host 127.0.0.1; }}
  }}
}}
"""


def lighthouse(url, tmp):
    out = Path(tmp) / "report.json"
    subprocess.run(
        ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}",
         "--only-categories=" + ",".join(CATEGORIES),
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        check=True, env={**__import__("os").environ, "CHROME_PATH": "/usr/bin/chromium"},
    )  # fmt: skip
    report = json.loads(out.read_text())
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        tmp.chmod(0o755)
        env = base_env(f"sqlite:///{tmp / 'db.sqlite3'}", tmp / "static", tmp / "media")
        env.update(SERVE_MEDIA="true")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "loaddata", "nq35_report", "-v0")
        article = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", FILL], cwd=ROOT, env=env,
            capture_output=True, text=True, check=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        server, upstream = start_gunicorn(env, 2)
        port = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(NGINX.format(tmp=tmp, port=port, upstream=upstream))
        nginx = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf)])
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base + "/", nginx)
            for name, path in [("home", "/"), ("article", article)]:
                runs = [lighthouse(base + path, tmp) for _ in range(RUNS)]
                median = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
                print(name, json.dumps(runs), "median", json.dumps(median))
        finally:
            stop(nginx)
            stop(server)


if __name__ == "__main__":
    main()
