"""Every public page is valid HTML by the Nu HTML Checker (vnu.jar, from npm's vnu-jar)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.test import Client
from django.urls import path

from chauthanh import urls as project_urls
from operations.storage import InsufficientStorage

from .conftest import require
from .public_pages import public_pages

VNU_JAR = Path(django_settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files):
    require(shutil.which("java"), "Java (java -version)")
    require(VNU_JAR.exists(), f"the Nu HTML Checker ({VNU_JAR}; run npm ci)")
    result = subprocess.run(  # noqa: S603 - a fixed command on files the test wrote
        ["java", "-jar", str(VNU_JAR), "--errors-only", *map(str, files)],  # noqa: S607
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return result.returncode, result.stderr + result.stdout


def fault(exception):
    def view(request):
        raise exception

    return view


# The project's URLs and error handlers, plus addresses that fail the ways a server can.
ERRORS = {
    "400": (SuspiciousOperation("yêu cầu lạ"), "Yêu cầu không hợp lệ"),
    "403": (PermissionDenied(), "Không có quyền"),
    "500": (RuntimeError("hỏng"), "Xin lỗi, trang đang gặp sự cố"),
    "503": (OperationalError("server closed the connection"), "Trang tạm ngừng phục vụ"),
    "507": (InsufficientStorage(), "Không lưu được tệp"),
}
urlpatterns = [
    *[path(f"loi/{code}/", fault(exception)) for code, (exception, _) in ERRORS.items()],
    *project_urls.urlpatterns,
]
handler500 = project_urls.handler500


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, tmp_path, settings):
    files = []
    for name, url in public_pages().items():
        response = client.get(url)
        expected = 404 if name == "not found" else 200
        assert response.status_code == expected, (name, url, response.status_code)
        files.append(tmp_path / f"{len(files):02d}-{name.replace(' ', '-')}.html")
        files[-1].write_bytes(response.content)
    # The error pages as the project serves them (its handlers and templates).
    settings.ROOT_URLCONF = __name__
    failing = Client(raise_request_exception=False)
    for code, (_, heading) in ERRORS.items():
        response = failing.get(f"/loi/{code}/")
        assert response.status_code == int(code) and heading in response.content.decode(), code
        files.append(tmp_path / f"error-{code}.html")
        files[-1].write_bytes(response.content)
    # A page with an error is caught: the checker must not pass anything it is given.
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="vi"><title>x</title><p><div></p>')
    code, output = run_vnu([*files, broken])
    errors = [line for line in output.splitlines() if "broken.html" not in line]
    assert code != 0 and "broken.html" in output, output
    assert not errors, "\n".join(errors)
