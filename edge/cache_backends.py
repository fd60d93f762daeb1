"""A Redis cache that the site can live without: when Redis is down, every read is a miss and
every write is skipped, so pages come from the database instead of failing.

A Redis that accepts connections but never answers costs a full timeout on every call, and a
page makes dozens. So after one failure a circuit breaker skips Redis altogether for
`BREAKER_SECONDS` in this process, then lets the next call try again: a hung Redis costs one
slow page per process every few seconds, not every page."""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# How long to go without Redis after it failed, before trying it again.
BREAKER_SECONDS = 5.0

# What each operation gives back when Redis cannot answer.
FALLBACKS = {
    "get": lambda key, default=None, *args, **kwargs: default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: False,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda *args, **kwargs: [],
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: None,
    # Counters (rate limits, the click cap) fail open: 0 means nothing counted yet.
    "incr": lambda *args, **kwargs: 0,
    "decr": lambda *args, **kwargs: 0,
}

# Until when each Redis address is skipped (monotonic seconds). Per process, shared by its
# threads: Django gives every thread its own cache object, but they all wait on one Redis.
_skip_until: dict[str, float] = {}
_lock = threading.Lock()


def _tolerant(name: str):
    method = getattr(RedisCache, name)
    fallback = FALLBACKS[name]

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self.breaker_open():
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            self.trip(error, operation=name)
            return fallback(*args, **kwargs)

    return wrapper


class TolerantRedisCache(RedisCache):
    def breaker_open(self) -> bool:
        return time.monotonic() < _skip_until.get(self._location(), 0.0)

    def trip(self, error: BaseException, *, operation: str) -> None:
        with _lock:
            _skip_until[self._location()] = time.monotonic() + BREAKER_SECONDS
        logger.warning(
            "Cache unavailable (%s: %s); serving without it for %s seconds",
            operation,
            error,
            BREAKER_SECONDS,
        )

    def is_available(self) -> bool:
        """Ask Redis itself, whatever the breaker says (for /healthz); an answer closes the
        breaker, no answer opens it."""
        try:
            self._cache.get_client(write=True).ping()
        except RedisError as error:
            self.trip(error, operation="ping")
            return False
        with _lock:
            _skip_until.pop(self._location(), None)
        return True

    def _location(self) -> str:
        return ",".join(self._servers)


for _name in FALLBACKS:
    setattr(TolerantRedisCache, _name, _tolerant(_name))


def reset_breakers() -> None:
    """Forget every failure (tests start each case with a working cache)."""
    with _lock:
        _skip_until.clear()
