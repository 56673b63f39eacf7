"""The admin login resists guessing (django-axes); idle staff sessions expire."""

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial.roles import EDITOR

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"


def attempt(client, username, password, address="10.0.0.7"):
    data = {"username": username, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=address)


def test_the_login_locks_after_repeated_failures_with_a_vietnamese_message(client, settings):
    make_user("bientap", EDITOR)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "bientap", "sai-mat-khau")
        assert response.status_code == 200  # the form again, with its error
    response = attempt(client, "bientap", "sai-mat-khau")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khoá đăng nhập" in html
    assert "trong 15 phút" in html
    # Locked: even the right password is refused now, from that address.
    response = attempt(client, "bientap", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_one_user_at_one_address_only(client, settings):
    make_user("bientap", EDITOR)
    make_user("dongnghiep", EDITOR)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "bientap", "sai-mat-khau")
    # A colleague behind the same office address still logs in...
    assert attempt(client, "dongnghiep", PASSWORD).status_code == 302
    client.logout()
    # ...and so does the same editor from another address (an attacker cannot lock them out).
    assert attempt(client, "bientap", PASSWORD, address="10.0.0.8").status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(client, settings):
    make_user("bientap", EDITOR)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "bientap", "sai-mat-khau")
    assert attempt(client, "bientap", PASSWORD).status_code == 302


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = timezone.now()

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def test_an_idle_staff_session_expires(client, clock, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert attempt(client, make_user("bientap", EDITOR).username, PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200
    clock.now += timedelta(minutes=31)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_active_staff_session_stays_open(client, clock):
    assert attempt(client, make_user("bientap", EDITOR).username, PASSWORD).status_code == 302
    for _ in range(4):  # two hours of work, a request every 25 minutes
        clock.now += timedelta(minutes=25)
        assert client.get("/admin/").status_code == 200


def test_behind_a_trusted_proxy_the_lock_follows_the_real_client(client, settings):
    settings.VISITORS_TRUSTED_PROXIES = 1  # nginx in front: REMOTE_ADDR is nginx for everyone
    make_user("bientap", EDITOR)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            LOGIN, {"username": "bientap", "password": "sai-mat-khau"},
            REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9",
        )  # fmt: skip
    assert response.status_code == 429
    # The real editor, at another address behind the same nginx, is not locked out.
    response = client.post(
        LOGIN, {"username": "bientap", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.113.0.20",
    )  # fmt: skip
    assert response.status_code == 302
