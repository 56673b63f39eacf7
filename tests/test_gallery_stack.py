"""Issue 19's video acceptance behind the production stack: Debian's nginx with
deploy/nginx/chauthanh.conf in front of gunicorn, the video page opened in Chromium, played,
and sought; nginx answers the player's range requests with 206 and the files with their types."""

import os
import signal

import pytest

from .conftest import CHROMIUM, CHROMIUM_ARGS, require
from .servers import (
    NGINX,
    NGINX_BROTLI,
    database_beside_the_tests,
    fetch,
    manage,
    production_env,
    start_gunicorn,
    start_nginx,
    stop,
)

pytestmark = [pytest.mark.stack, pytest.mark.browser, pytest.mark.django_db]

# Run in the production process's shell: one published video with subtitles, as an editor
# would upload it and an approver publish it (tests/gallery_data.py).
MAKE_VIDEO = """
from tests.gallery_data import make_video
video = make_video(published=True, title="Phóng sự nông thôn mới")
print("VIDEO", video.get_absolute_url(), video.file.url, video.subtitles.url)
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_setup, django_db_blocker):
    require(os.path.exists(NGINX), "nginx (apt-get install nginx)")
    require(os.path.exists(NGINX_BROTLI), "nginx's Brotli module")
    base = tmp_path_factory.mktemp("video-stack")
    with database_beside_the_tests(base, "video", django_db_blocker) as url:
        env = production_env(
            DATABASE_URL=url, MEDIA_ROOT=base / "media", STATIC_ROOT=base / "static",
            SERVE_MEDIA="false", HTTPS="true", VISITORS_TRUSTED_PROXIES=1,
        )  # fmt: skip
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            manage(*command, env=env)
        output = manage("shell", "-c", MAKE_VIDEO, env=env).stdout.splitlines()
        line = next(line for line in output if line.startswith("VIDEO "))  # logs come first
        page_url, video_url, subtitles_url = line.split()[1:]
        gunicorn = start_gunicorn(env, base / "gunicorn.log", workers=2)
        nginx = start_nginx(base / "nginx", gunicorn.port, base / "static", base / "media")
        try:
            yield type("Stack", (), {
                "url": f"https://127.0.0.1:{nginx.https_port}", "page": page_url,
                "video": video_url, "subtitles": subtitles_url,
                "access_log": base / "nginx" / "access.log",
            })  # fmt: skip
        finally:
            stop(nginx, signal.SIGQUIT)
            stop(gunicorn)


def test_nginx_answers_ranges_of_a_video_and_serves_its_files_with_their_types(stack):
    status, headers, body = fetch(stack.url + stack.video, headers={"Range": "bytes=100-199"})
    assert status == 206 and len(body) == 100
    assert headers["Content-Range"].startswith("bytes 100-199/")
    assert headers["Content-Type"] == "video/webm"
    assert "attachment" not in headers.get("Content-Disposition", "")
    status, headers, _ = fetch(stack.url + stack.video, headers={"Range": "bytes=99999999-"})
    assert status == 416
    status, headers, body = fetch(stack.url + stack.subtitles)
    assert status == 200 and body.startswith(b"WEBVTT")
    assert headers["Content-Type"] == "text/vtt; charset=utf-8"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_video_plays_in_chromium_and_a_seek_is_a_range_answered_206(stack):
    require(os.path.exists(CHROMIUM), f"Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(ignore_https_errors=True, locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(20_000)
            answers = []
            page.on(
                "response",
                lambda r: answers.append(r.status) if r.url.endswith(stack.video) else None,
            )
            page.goto(stack.url + stack.page)
            player = page.locator("video.video-player")
            page.wait_for_function("() => document.querySelector('video').readyState >= 1")
            assert player.evaluate("v => Math.round(v.duration)") == 6
            player.evaluate("v => { v.muted = true; return v.play(); }")
            player.evaluate(
                "v => new Promise(done => { v.addEventListener('seeked', done, {once: true});"
                " v.currentTime = 4.5; })"
            )
            page.wait_for_function("() => document.querySelector('video').currentTime >= 4.5")
            assert player.evaluate("v => v.error") is None
        finally:
            browser.close()
    assert 206 in answers, answers
    # nginx's own word: its access log holds the player's range requests, answered 206.
    logged = [line for line in stack.access_log.read_text().splitlines() if stack.video in line]
    assert any('" 206 ' in line for line in logged), logged
