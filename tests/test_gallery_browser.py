"""The gallery in Debian's Chromium: an album opens in the article gallery's dialog by keyboard
alone, and a video plays and seeks in the browser's own player. (The live server serves /media/
with Django's own handler, not operations.views.serve_media: tests/test_media_ranges.py checks
that view's ranges, tests/test_gallery_stack.py the 206 behind nginx.)"""

import pytest

from .gallery_data import make_album, make_video

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_album_opens_in_the_gallery_dialog_by_keyboard(page, live_server):
    album = make_album(photos=3, published=True, title="Ngày hội Đại đoàn kết toàn dân tộc")
    page.goto(live_server.url + album.get_absolute_url())
    first = page.locator("a.gallery-item").first
    # Tab from the page's start until the first photo of the album has the focus.
    for _ in range(60):
        page.keyboard.press("Tab")
        if first.evaluate("link => document.activeElement === link"):
            break
    else:
        pytest.fail("the album's first photo is never reached with Tab")
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    assert dialog.evaluate("d => d.open")
    counter = dialog.locator(".lightbox-counter")
    assert counter.inner_text() == "Ảnh 1 / 3"
    assert dialog.locator("figcaption").inner_text() == "Chú thích ảnh 1"
    page.keyboard.press("ArrowRight")
    assert counter.inner_text() == "Ảnh 2 / 3"
    assert dialog.locator("figcaption").inner_text() == "Chú thích ảnh 2"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # past the last: back to the first
    assert counter.inner_text() == "Ảnh 1 / 3"
    page.keyboard.press("ArrowLeft")
    assert counter.inner_text() == "Ảnh 3 / 3"
    # The large photo really loads (the browser decoded it).
    page.wait_for_function("() => document.querySelector('dialog.lightbox img').naturalWidth > 0")
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    # Focus returns to the thumbnail of the photo last shown.
    third = page.locator("a.gallery-item").nth(2)
    assert third.evaluate("link => document.activeElement === link")


def test_a_video_plays_and_seeks_with_its_subtitles_in_chromium(page, live_server):
    video = make_video(published=True)
    asked = []
    page.on(
        "request",
        lambda r: asked.append(r.headers.get("range")) if r.url.endswith(".webm") else None,
    )
    page.goto(live_server.url + video.get_absolute_url())
    player = page.locator("video.video-player")
    assert player.evaluate("v => v.canPlayType('video/webm; codecs=\"vp8\"')") in {
        "probably",
        "maybe",
    }
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")  # metadata
    assert player.evaluate("v => Math.round(v.duration)") == 6
    # The subtitles track loaded and holds the Vietnamese cues.
    page.wait_for_function(
        "() => { const t = document.querySelector('video').textTracks[0];"
        " return t && t.cues && t.cues.length === 2; }"
    )
    player.evaluate("v => { v.muted = true; return v.play(); }")
    player.evaluate(
        "v => new Promise(done => { v.addEventListener('seeked', done, {once: true});"
        " v.currentTime = 4.5; })"
    )
    page.wait_for_function("() => document.querySelector('video').currentTime >= 4.5")
    assert "bytes=0-" in asked  # the player asks for ranges, which the servers answer
