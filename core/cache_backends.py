"""A Redis cache that the site can live without: when Redis is down, every read is a miss and
every write is skipped, so pages come from the database instead of failing."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

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
    # Counters (rate limits, the content version) fail open: 0 means nothing counted yet.
    "incr": lambda *args, **kwargs: 0,
    "decr": lambda *args, **kwargs: 0,
}


def _tolerant(name: str):
    method = getattr(RedisCache, name)
    fallback = FALLBACKS[name]

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("Cache unavailable, serving without it (%s): %s", name, error)
            return fallback(*args, **kwargs)

    return wrapper


class TolerantRedisCache(RedisCache):
    pass


for _name in FALLBACKS:
    setattr(TolerantRedisCache, _name, _tolerant(_name))
