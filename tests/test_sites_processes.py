"""A site created in one process answers at once in the others: two gunicorn servers (one worker
each) and a `manage.py` process share only the database of this pass, as two app servers and
an administrator's shell would. No server is restarted and nothing waits for a cache to expire.
"""

import json
import urllib.request

import pytest

from .servers import database_beside_the_tests, manage, production_env, start_gunicorn, stop

pytestmark = [pytest.mark.stack, pytest.mark.django_db]

RENAME = """
from multisite.models import SiteProfile
profile = SiteProfile.objects.select_related("site").get(code="hoa-loi")
profile.site.domain = "hoaloi.tinh.gov.vn"
profile.site.save()
profile.site_name = "Cổng thông tin xã Hòa Lợi"
profile.save()
"""


@pytest.fixture(scope="module")
def shared_database(tmp_path_factory, django_db_setup, django_db_blocker):
    base = tmp_path_factory.mktemp("sites")
    with database_beside_the_tests(base, "sites", django_db_blocker) as url:
        env = production_env(
            DATABASE_URL=url, MEDIA_ROOT=base / "media", STATIC_ROOT=base / "static",
            LOG_FORMAT="plain", ALLOWED_HOSTS=".localhost,.vinhlong.gov.vn,.tinh.gov.vn,127.0.0.1",
        )  # fmt: skip
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        yield env, base


def page(server, host, path="/trang/lien-he/"):
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}{path}", headers={"Host": host}
    )
    with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 (loopback)
        return response.read().decode()


def test_a_site_created_in_one_process_answers_at_once_in_the_others(shared_database):
    env, base = shared_database
    servers = [start_gunicorn(env, base / f"server{n}.log", workers=1) for n in (1, 2)]
    try:
        # Both servers have answered these hosts with the default site, and remember it.
        for server in servers:
            for host in ("hoaloi.vinhlong.gov.vn", "hoa-loi.localhost:8000"):
                assert "xã Hòa Lợi" not in page(server, host)
        manage(  # a third process
            "create_site", "hoaloi.vinhlong.gov.vn", "Trang thông tin điện tử xã Hòa Lợi",
            "--code", "hoa-loi", env=env,
        )  # fmt: skip
        for server in servers:
            for host in ("hoaloi.vinhlong.gov.vn", "hoa-loi.localhost:8000"):
                assert "Trang thông tin điện tử xã Hòa Lợi" in page(server, host)
            assert "xã Hòa Lợi" not in page(server, "127.0.0.1")
        manage("shell", "-c", RENAME, env=env)
        for server in servers:
            assert "Cổng thông tin xã Hòa Lợi" in page(server, "hoaloi.tinh.gov.vn")
            assert "xã Hòa Lợi" not in page(server, "hoaloi.vinhlong.gov.vn")
    finally:
        for server in servers:
            stop(server)


CREATE_COMMUNE = """
from django.contrib.sites.models import Site
from multisite.models import SiteProfile
site = Site.objects.create(domain="anhiep.vinhlong.gov.vn", name="An Hiệp")
SiteProfile.objects.create(site=site, code="an-hiep", site_name="Trang xã An Hiệp")
"""
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


def stats(server, host):
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}/visitors/stats.json", headers={"Host": host}
    )
    with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 (loopback)
        return json.loads(response.read())


def test_a_new_sites_visitors_are_counted_as_its_own_on_every_server(shared_database):
    env, base = shared_database
    servers = [start_gunicorn(env, base / f"counter{n}.log", workers=1) for n in (1, 2)]
    try:
        main_before = stats(servers[1], "127.0.0.1")
        manage("shell", "-c", CREATE_COMMUNE, env=env)  # a third process
        request = urllib.request.Request(
            f"http://127.0.0.1:{servers[0].port}/",
            headers={"Host": "anhiep.vinhlong.gov.vn", "User-Agent": FIREFOX},
        )
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 (loopback)
            assert "Trang xã An Hiệp" in response.read().decode()
        # The other server has never served this site: its numbers are the new site's own.
        assert stats(servers[1], "an-hiep.localhost:8000") == {
            "online": 1, "today": 1, "week": 1, "total": 1,
        }  # fmt: skip
        assert stats(servers[1], "127.0.0.1") == main_before
    finally:
        for server in servers:
            stop(server)
