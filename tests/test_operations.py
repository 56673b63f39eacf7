"""Operations: the health endpoint, request ids in logs and on error pages, the audit log."""

import json
import logging

import pytest
from django.contrib.admin.models import LogEntry
from django.db import OperationalError
from django.test import Client
from django.urls import path

from operations.logging import JsonFormatter

from .factories import make_category


@pytest.mark.django_db
def test_health_endpoint_reports_database_migrations_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_endpoint_fails_when_a_migration_is_not_applied(client, monkeypatch):
    from django.db.migrations.recorder import MigrationRecorder

    from operations import views

    monkeypatch.setattr(views, "_migrations_ok_until", 0.0)
    MigrationRecorder.Migration.objects.filter(app="news").delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "pending" and response.json()["status"] == "fail"


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_keeps_a_valid_incoming_one(client, settings):
    settings.VISITORS_TRUSTED_PROXIES = 1  # nginx's id, from nginx (the test client: 127.0.0.1)
    generated = client.get("/healthz")["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="nginx-abc12345")["X-Request-ID"] == (
        "nginx-abc12345"
    )
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="<script>x</script>")["X-Request-ID"]
    assert "<" not in forged and len(forged) == 32


def boom(request):
    raise RuntimeError("hỏng")


def database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [path("boom/", boom), path("db-gone/", database_gone)]
handler500 = "operations.views.server_error"


@pytest.mark.django_db
def test_a_server_error_shows_the_request_id_that_the_log_carries(settings, caplog):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/boom/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    html = response.content.decode()
    assert "Xin lỗi, trang đang gặp sự cố" in html and request_id in html
    [record] = [r for r in caplog.records if r.name == "django.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == request_id and line["level"] == "ERROR"
    assert "RuntimeError: hỏng" in line["exception"]


@pytest.mark.django_db
def test_a_lost_database_gives_a_vietnamese_503(settings):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/db-gone/")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    html = response.content.decode()
    assert "Trang tạm ngừng phục vụ" in html and response["X-Request-ID"] in html


def test_json_log_lines_carry_extra_fields_and_unicode():
    record = logging.makeLogRecord(
        {"name": "chauthanh", "levelname": "INFO", "msg": "Đã lưu %s", "args": ("bài",),
         "article_id": 7}
    )  # fmt: skip
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Đã lưu bài" and line["article_id"] == 7
    assert line["request_id"] == "-"


@pytest.mark.django_db
def test_admin_changes_are_kept_in_a_read_only_audit_log(admin_client):
    category = make_category(name="Tin tức")
    response = admin_client.post(
        f"/admin/news/category/{category.pk}/change/",
        {"name": "Tin tức - Sự kiện", "slug": category.slug, "order": 1, "show_in_menu": "on"},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get()
    assert entry.object_repr == "Tin tức - Sự kiện" and entry.is_change()
    listing = admin_client.get("/admin/operations/auditentry/").content.decode()
    assert "Tin tức - Sự kiện" in listing and 'field-action">Sửa<' in listing
    assert f'field-who">{entry.user.username}<' in listing
    assert "Nhật ký thay đổi" in admin_client.get("/admin/").content.decode()
    detail = admin_client.get(f"/admin/operations/auditentry/{entry.pk}/change/")
    assert detail.status_code == 200  # shown read-only
    assert "người thực hiện" in detail.content.decode().lower()
    assert admin_client.post(f"/admin/operations/auditentry/{entry.pk}/delete/").status_code == 403
    assert admin_client.get("/admin/operations/auditentry/add/").status_code == 403
    assert LogEntry.objects.count() == 1


@pytest.mark.django_db
def test_static_and_media_files_answer_conditional_gets_with_304(client, settings):
    """Without nginx (make run): WhiteNoise for static files, Django's serve for media."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("thu/anh.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really"))
    static = client.get("/static/css/site.css")
    assert static.status_code == 200 and static["Last-Modified"]
    media = client.get(f"/media/{name}")
    assert media.status_code == 200 and media["Last-Modified"]
    again = client.get("/static/css/site.css", HTTP_IF_MODIFIED_SINCE=static["Last-Modified"])
    assert again.status_code == 304
    etag = static["ETag"]
    assert client.get("/static/css/site.css", HTTP_IF_NONE_MATCH=etag).status_code == 304
    again = client.get(f"/media/{name}", HTTP_IF_MODIFIED_SINCE=media["Last-Modified"])
    assert again.status_code == 304
