"""A person (or a script) filling the intake form over real HTTP, from a chosen source address.

Stdlib only: used by the two-process test and by bench/citizens_load.py. Each IntakeClient keeps
its own cookies (the CSRF cookie), GETs the form, waits, and POSTs it; with `source` it connects
from that loopback address (127.x.y.z), which nginx passes on in X-Forwarded-For; with
`forwarded` it sends that header itself (straight to gunicorn, which trusts loopback).
"""

import http.client
import re
import ssl
import time
import urllib.parse
from http.cookies import SimpleCookie

STARTED = re.compile(r'name="started" value="([^"]+)"')
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36"


class IntakeClient:
    def __init__(self, port, https=False, source=None, forwarded=None, host="localhost"):
        self.port, self.https, self.source, self.forwarded = port, https, source, forwarded
        self.host = host
        self.cookies = {}

    def _connection(self):
        source = (self.source, 0) if self.source else None
        if self.https:
            context = ssl._create_unverified_context()  # noqa: S323 - our self-signed test cert
            return http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=60, source_address=source, context=context
            )
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60, source_address=source)

    def request(self, method, path, body=None):
        headers = {"Host": f"{self.host}", "User-Agent": BROWSER}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded:
            headers["X-Forwarded-For"] = self.forwarded
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            scheme = "https" if self.https else "http"
            headers["Origin"] = f"{scheme}://{self.host}"
            headers["Referer"] = f"{scheme}://{self.host}{path}"
        connection = self._connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, text

    def submit(self, path, fields, wait=0.0):
        """GET the form, wait `wait` seconds (a person reads and types), POST it. Returns
        (status, receipt page path or None, html)."""
        status, _, html = self.request("GET", path)
        if status != 200:
            return status, None, html
        started = STARTED.search(html).group(1)
        time.sleep(wait)
        data = {
            "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            "started": started, "website": "", **fields,
        }  # fmt: skip
        status, headers, html = self.request("POST", path, urllib.parse.urlencode(data))
        location = headers.get("Location") if status == 302 else None
        return status, location, html


def feedback(n):
    """An anonymous feedback (no personal data, no consent needed)."""
    return {"subject": f"Góp ý số {n}", "text": f"Nội dung góp ý số {n} về đường giao thông."}
