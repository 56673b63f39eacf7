"""A circuit breaker around Redis: a Redis that hangs costs one timeout, not one per cache call.

django-redis with IGNORE_EXCEPTIONS turns a Redis fault into a cache miss, but only after the
socket timeout, and a page makes many cache calls: a hung Redis (stopped, swapping, a network
that drops packets) made every page wait seconds. Here every command passes a breaker: after a
timeout or a refused connection it opens, and for REDIS_BREAKER_SECONDS each command fails at
once (a miss, a dropped write); then the next command probes Redis again, and closes the breaker
if it answers. django-redis has no such option, and a generic breaker package would still need
this hook, which is the whole of it.

The state is per process (DESIGN.md allows it): it is about this process's connections. It is
kept on the Redis client that django-redis creates once per cache and process.
"""

import logging
import threading
import time

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("operations.cache")


class CircuitOpen(RedisConnectionError):
    """Redis was not asked: it failed moments ago."""


class CircuitBreaker:
    def __init__(self, seconds):
        self.seconds = seconds
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self):
        return time.monotonic() < self._open_until

    def check(self):
        if self.is_open:
            raise CircuitOpen("Redis skipped: it did not answer moments ago")

    def failed(self, error):
        with self._lock:
            was_closed = self._open_until == 0.0
            self._open_until = time.monotonic() + self.seconds
        if was_closed:
            logger.warning(
                "Redis did not answer (%s); the cache is skipped for %s s, then probed again",
                error, self.seconds,
            )  # fmt: skip

    def succeeded(self):
        if self._open_until:
            with self._lock:
                self._open_until = 0.0
            logger.warning("Redis answers again; the cache is back")

    def reset(self):
        with self._lock:
            self._open_until = 0.0


class BreakerRedis(Redis):
    """redis-py's client with a breaker on every command (REDIS_CLIENT_CLASS of django-redis).

    Pipelines (django-redis's set_many/delete_many) check the breaker when they are made.
    """

    def __init__(self, *args, breaker_seconds=10, **kwargs):
        super().__init__(*args, **kwargs)
        self.breaker = CircuitBreaker(breaker_seconds)

    def execute_command(self, *args, **options):
        self.breaker.check()
        try:
            result = super().execute_command(*args, **options)
        except (RedisConnectionError, RedisTimeoutError) as error:
            self.breaker.failed(error)
            raise
        self.breaker.succeeded()
        return result

    def pipeline(self, *args, **kwargs):
        self.breaker.check()
        return super().pipeline(*args, **kwargs)


def breaker_open(cache):
    """Whether `cache` (a django-redis cache) skips Redis now; False for any other backend."""
    client = getattr(cache, "client", None)
    clients = getattr(client, "_clients", None) or []
    return any(getattr(c, "breaker", None) and c.breaker.is_open for c in clients)


class SkippedCallsFilter(logging.Filter):
    """django-redis logs every ignored exception with its traceback; while the breaker is open
    each skipped call would do so. The opening itself is logged once (CircuitBreaker.failed)."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        while error is not None:
            if isinstance(error, CircuitOpen):
                return False
            error = error.__cause__
        return True
