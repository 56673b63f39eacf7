"""Hardening (issue 21, finding 12): only the portal's own images in article bodies, private
backups, a Vietnamese CSRF page, no third-party HTML in the collected static files."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from news.richtext import sanitize_html

from .factories import make_article
from .servers import ROOT, production_env

TRACKERS = [
    '<img src="https://thongke.example/pixel.gif?u=1" alt="">',
    '<img src="http://anh.example/anh.jpg" alt="Ảnh ngoài">',
    '<img src="//anh.example/anh.jpg" alt="Ảnh ngoài">',
    '<img src="/\\anh.example/anh.jpg" alt="Ảnh ngoài">',
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">',
]


@pytest.mark.parametrize("tracker", TRACKERS)
def test_only_the_portals_own_images_stay_in_a_body(tracker):
    own = '<img src="/media/photos/2026/11/abc_800.jpg" alt="Ảnh hội nghị">'
    cleaned = sanitize_html(f'<p>Trước {tracker} sau</p><figure class="image">{own}</figure>')
    assert "<img" in cleaned and cleaned.count("<img") == 1
    assert 'src="/media/photos/2026/11/abc_800.jpg"' in cleaned
    assert "example" not in cleaned and "data:" not in cleaned
    assert "<p>Trước  sau</p>" in cleaned  # the outside image is gone, its text kept


@pytest.mark.django_db
def test_public_pages_load_no_image_from_elsewhere(client):
    article = make_article(body='<p>Nội dung.</p><img src="https://x.example/p.gif" alt="">')
    response = client.get(article.get_absolute_url())
    assert "x.example" not in response.content.decode()
    img_src = next(
        part for part in response["Content-Security-Policy"].split("; ")
        if part.startswith("img-src")
    )  # fmt: skip
    assert "https:" not in img_src and "http:" not in img_src


@pytest.mark.django_db
def test_the_csrf_failure_page_is_vietnamese(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="vi">' in html and "Phiên làm việc đã hết hạn" in html
    assert "CSRF verification failed" not in html and "Forbidden" not in html


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_readable_by_its_owner_only(tmp_path):
    call_command("backup", output_dir=str(tmp_path / "backups"), verbosity=0)
    [bundle] = (tmp_path / "backups").glob("chauthanh-*.tar")
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "backups").stat().st_mode) == 0o700


def test_collected_static_files_hold_no_third_party_html(tmp_path):
    env = production_env(STATIC_ROOT=tmp_path / "static")
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pages = [
        str(path.relative_to(tmp_path / "static"))
        for path in (tmp_path / "static").rglob("*")
        if path.suffix in (".html", ".htm") and not path.name.endswith(".gz")
    ]
    # Only the portal's own error pages (nginx shows them; with their hashed copies), none of
    # CKEditor's samples.
    assert {page.split(".")[0] for page in pages} == {"errors/413", "errors/502"}
    assert os.path.exists(tmp_path / "static" / "ckeditor" / "ckeditor" / "ckeditor.js")
    assert Path(tmp_path / "static" / "admin").is_dir()
