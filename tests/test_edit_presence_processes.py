""" "Bài này đang được sửa bởi …" across two processes: two gunicorn servers (one worker each)
share only the database of this pass, as two app servers behind a load balancer would. An
editor on one and an approver on the other see each other; nothing lives in one worker's memory.
"""

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request

import pytest

from .factories import PASSWORD
from .servers import database_url, manage, production_env, start_gunicorn, stop

pytestmark = [pytest.mark.stack, pytest.mark.django_db]

SETUP = f"""
from django.contrib.auth.models import Group, User
from news.models import Article, Category
def person(username, group, last, first):
    user = User.objects.create_user(username, username + "@example.vn", "{PASSWORD}",
                                    is_staff=True, last_name=last, first_name=first)
    user.groups.add(Group.objects.get(name=group))
    return user
lan = person("lan", "Biên tập viên", "Nguyễn Thị", "Lan")
person("hung", "Duyệt bài", "Trần Văn", "Hùng")
category = Category.objects.create(name="Tin tức - Sự kiện")
article = Article.objects.create(title="Bài nháp", category=category, created_by=lan)
print(article.pk)
"""


@pytest.fixture(scope="module")
def shared_database(tmp_path_factory, django_db_setup, django_db_blocker):
    """A migrated database of its own (SQLite file, or a PostgreSQL database beside the test one)
    holding an editor, an approver and the editor's draft."""
    from django.db import connection

    base = tmp_path_factory.mktemp("presence")
    name = None
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_presence"
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        url = database_url(connection.settings_dict, name)
    else:
        url = f"sqlite:///{base / 'db.sqlite3'}"
    env = production_env(
        DATABASE_URL=url, MEDIA_ROOT=base / "media", STATIC_ROOT=base / "static",
        LOG_FORMAT="plain",
    )  # fmt: skip
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)  # production pages name hashed files
    article = int(manage("shell", "-c", SETUP, env=env).stdout.split()[-1])
    yield env, base, article
    if name:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Browser:
    """One person's cookies against one server: log in, open pages, post with the CSRF token."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=15) as response:  # noqa: S310
            return response.read().decode()

    def post(self, path, data=None):
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **(data or {})}).encode()
        with self.opener.open(self.base + path, body, timeout=15) as response:  # noqa: S310
            return response.read().decode()

    def log_in(self, username):
        self.get("/admin/login/")
        html = self.post("/admin/login/?next=/admin/", {"username": username, "password": PASSWORD})
        assert "Đăng xuất" in html, html[:500]


def test_two_people_on_two_servers_see_each_other(shared_database):
    env, base, article = shared_database
    first = start_gunicorn(env, base / "first.log", workers=1)
    second = start_gunicorn(env, base / "second.log", workers=1)
    try:
        assert first.pid != second.pid
        lan, hung = Browser(first.port), Browser(second.port)
        lan.log_in("lan")
        hung.log_in("hung")
        change = f"/admin/news/article/{article}/change/"
        heartbeat = f"/admin/news/article/{article}/dang-sua/"

        assert "đang được sửa bởi" not in lan.get(change)  # on server one
        html = hung.get(change)  # on server two
        notice = re.search(r'<p id="dang-sua"[^>]*>([^<]*)</p>', html).group(1)
        assert notice.startswith("Bài này đang được sửa bởi Nguyễn Thị Lan.")
        assert json.loads(lan.post(heartbeat))["editors"] == ["Trần Văn Hùng"]
        assert json.loads(hung.post(heartbeat))["editors"] == ["Nguyễn Thị Lan"]

        lan.post(heartbeat, {"roi-di": "1"})  # the editor closes the page on server one
        assert json.loads(hung.post(heartbeat)) == {"editors": [], "notice": ""}
    finally:
        stop(first)
        stop(second)
