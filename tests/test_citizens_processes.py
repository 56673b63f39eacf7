"""The intake's shared state across processes: two gunicorn servers share only the database.
The rate limit per client network counts the submissions both receive, and receipt numbers
given concurrently by both are unique and gapless."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from .citizens_http import IntakeClient, feedback
from .servers import database_beside_the_tests, manage, production_env, start_gunicorn, stop

pytestmark = [pytest.mark.stack, pytest.mark.django_db]
FORM = "/gui-y-kien/gop-y/"
NUMBERS = """
from citizens.models import Inquiry
print(" ".join(Inquiry.objects.values_list("number", flat=True)))
"""


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, django_db_setup, django_db_blocker):
    base = tmp_path_factory.mktemp("citizens")
    with database_beside_the_tests(base, "citizens", django_db_blocker) as url:
        env = production_env(
            DATABASE_URL=url, MEDIA_ROOT=base / "media", STATIC_ROOT=base / "static",
            PRIVATE_MEDIA_ROOT=base / "private", LOG_FORMAT="plain",
            CITIZENS_MIN_FILL_SECONDS=0, CITIZENS_RATE_LIMIT=5, VISITORS_TRUSTED_PROXIES=1,
        )  # fmt: skip
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        servers = [start_gunicorn(env, base / f"gunicorn-{n}.log", workers=1) for n in (1, 2)]
        try:
            yield env, servers
        finally:
            for server in servers:
                stop(server)


RECEIPT = re.compile(r"^[A-Z0-9-]+-\d{4}-(\d{6})$")


def numbers(env):
    return [w for w in manage("shell", "-c", NUMBERS, env=env).stdout.split() if RECEIPT.match(w)]


def test_the_rate_limit_counts_one_networks_posts_on_both_servers(two_servers):
    env, servers = two_servers
    before = len(numbers(env))

    def one(n):
        server = servers[n % 2]
        client = IntakeClient(server.port, forwarded=f"10.20.30.{n + 1}")
        return client.submit(FORM, feedback(n))[0]

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(one, range(24)))
    assert statuses.count(302) == 5, statuses
    assert set(statuses) == {302, 400}
    assert len(numbers(env)) == before + 5


def test_receipt_numbers_given_at_once_by_both_servers_are_unique_and_gapless(two_servers):
    env, servers = two_servers

    def one(n):
        client = IntakeClient(servers[n % 2].port, forwarded=f"10.{n + 1}.0.1")
        return client.submit(FORM, feedback(n))[:2]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(30)))
    assert all(status == 302 for status, _ in results), results
    given = numbers(env)
    assert len(given) == len(set(given))
    sequence = sorted(int(RECEIPT.match(n).group(1)) for n in given)
    assert sequence == list(range(1, len(given) + 1))
