"""A Redis that hangs costs a process one timeout, not one per cache call (issue 21, finding 3).

In-process, against a socket that accepts connections and never answers: what a stopped
(SIGSTOP) or swapping Redis looks like to a client. tests/test_production_stack.py stops a
real Redis under gunicorn.
"""

import logging
import socket
import time

import pytest
from django.core.cache import cache

TIMEOUT = 0.3


@pytest.fixture
def hung_redis():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)  # the kernel completes the handshake; nobody ever reads or answers
    yield listener.getsockname()[1]
    listener.close()


@pytest.fixture
def redis_cache(settings, hung_redis):
    """The cache as chauthanh/settings.py configures it for CACHE_URL=redis://..."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{hung_redis}/1",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": TIMEOUT,
                "SOCKET_TIMEOUT": TIMEOUT,
                "REDIS_CLIENT_CLASS": "operations.cache.BreakerRedis",
                "REDIS_CLIENT_KWARGS": {"breaker_seconds": 30},
            },
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "operations.cache"
    yield cache
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_a_hung_redis_is_waited_for_once_then_skipped(redis_cache, caplog):
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="operations.cache"):
        for n in range(10):
            assert redis_cache.get(f"k{n}") is None
            redis_cache.set(f"k{n}", n)
    # 20 calls: one timeout, then nothing (without the breaker: 20 timeouts, 6 s).
    assert time.monotonic() - start < 4 * TIMEOUT
    opened = [r for r in caplog.records if "skipped for" in r.getMessage()]
    assert len(opened) == 1


def test_the_breaker_probes_again_and_closes_when_redis_answers(redis_cache, settings):
    from operations.cache import CircuitBreaker, CircuitOpen

    breaker = CircuitBreaker(seconds=0.2)
    breaker.failed(TimeoutError("timed out"))
    with pytest.raises(CircuitOpen):
        breaker.check()
    time.sleep(0.25)
    breaker.check()  # the next call probes Redis
    breaker.succeeded()
    assert not breaker.is_open


def test_health_check_says_the_cache_is_skipped_and_the_site_degraded(redis_cache, client, db):
    from operations.views import cache_status

    redis_cache.get("anything")  # the first call meets the timeout and opens the breaker
    start = time.monotonic()
    assert cache_status() == "skipped"
    assert time.monotonic() - start < TIMEOUT / 2  # the check itself does not wait on Redis
    response = client.get("/healthz")
    assert response.status_code == 200  # serving, slower: keep this server in the pool
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"] == "skipped"


def test_pages_are_served_while_redis_hangs(redis_cache, client, db):
    from django.core.management import call_command

    call_command("loaddata", "nq35_report", verbosity=0)
    start = time.monotonic()
    for _ in range(3):
        response = client.get("/", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/120")
        assert response.status_code == 200
    assert time.monotonic() - start < 3 * TIMEOUT + 1.0
