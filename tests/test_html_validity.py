"""Every public page is valid HTML by the Nu HTML Checker (vnu.jar, from npm's vnu-jar)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.defaults import bad_request, server_error

from .conftest import require
from .public_pages import public_pages

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files):
    require(shutil.which("java"), "Java (java -version)")
    require(VNU_JAR.exists(), f"the Nu HTML Checker ({VNU_JAR}; run npm ci)")
    result = subprocess.run(  # noqa: S603 - a fixed command on files the test wrote
        ["java", "-jar", str(VNU_JAR), "--errors-only", *map(str, files)],  # noqa: S607
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return result.returncode, result.stderr + result.stdout


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, tmp_path):
    files = []
    for name, url in public_pages().items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, url, response.status_code)
        files.append(tmp_path / f"{len(files):02d}-{name.replace(' ', '-')}.html")
        files[-1].write_bytes(response.content)
    for name, view in (("400", bad_request), ("500", server_error)):
        response = view(RequestFactory().get("/"), **({"exception": None} if name == "400" else {}))
        files.append(tmp_path / f"error-{name}.html")
        files[-1].write_bytes(response.content)
    # A page with an error is caught: the checker must not pass anything it is given.
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="vi"><title>x</title><p><div></p>')
    code, output = run_vnu([*files, broken])
    errors = [line for line in output.splitlines() if "broken.html" not in line]
    assert code != 0 and "broken.html" in output, output
    assert not errors, "\n".join(errors)
