"""/media/ without nginx (make run, tests) answers byte ranges as nginx does, so a video seeks:
one range gets 206 with Content-Range, a range past the end 416, anything else the whole file."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

pytestmark = pytest.mark.django_db

DATA = bytes(range(256)) * 40  # 10,240 bytes, each position recognisable
NAME = "videos/2026/11/" + "a" * 32 + ".webm"


@pytest.fixture
def video_file(media_root):
    return "/media/" + default_storage.save(NAME, ContentFile(DATA))


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-", 0, 10239),  # what Chromium asks first
        ("bytes=100-199", 100, 199),
        ("bytes=10000-", 10000, 10239),
        ("bytes=-240", 10000, 10239),  # the last 240 bytes
        ("bytes=10200-99999", 10200, 10239),  # an end past the file is cut to it
        ("bytes=-99999", 0, 10239),
    ],
)
def test_one_range_is_answered_206_with_exactly_those_bytes(client, video_file, header, start, end):
    response = client.get(video_file, HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/10240"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Content-Type"] == "video/webm"
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == DATA[start : end + 1]


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=20000-30000", "bytes=-0"])
def test_a_range_past_the_end_is_unsatisfiable_416(client, video_file, header):
    response = client.get(video_file, HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */10240"
    assert response.content == b""


@pytest.mark.parametrize(
    "header", ["", "bytes=0-1,5-6", "bytes=9-3", "items=0-5", "bytes=-", "bytes=abc-"]
)
def test_no_range_or_one_not_understood_gets_the_whole_file(client, video_file, header):
    extra = {"HTTP_RANGE": header} if header else {}
    response = client.get(video_file, **extra)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == DATA


def test_if_range_naming_another_version_gets_the_whole_file(client, video_file):
    current = client.get(video_file)["Last-Modified"]
    same = client.get(video_file, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=current)
    assert same.status_code == 206 and body(same) == DATA[:10]
    old = client.get(
        video_file, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE="Mon, 01 Jan 2024 00:00:00 GMT"
    )
    assert old.status_code == 200 and body(old) == DATA


def test_videos_and_subtitles_play_in_the_page_with_their_types(client, media_root):
    video = client.get(
        "/media/" + default_storage.save("v/" + "b" * 32 + ".mp4", ContentFile(DATA))
    )
    assert video["Content-Type"] == "video/mp4"
    assert not video.get("Content-Disposition", "").startswith("attachment")
    track = client.get(
        "/media/" + default_storage.save("v/" + "c" * 32 + ".vtt", ContentFile(b"WEBVTT\n"))
    )
    assert track["Content-Type"] == "text/vtt; charset=utf-8"
    assert not track.get("Content-Disposition", "").startswith("attachment")
    assert track["X-Content-Type-Options"] == "nosniff"
