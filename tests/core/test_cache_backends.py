from django.core.cache import caches
from django.test import override_settings

REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def tolerant_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "edge.cache_backends.TolerantRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_cache_works_when_redis_answers(redis_server):
    with override_settings(CACHES=tolerant_cache(redis_server)):
        cache = caches["default"]
        cache.set("greeting", "hello", 30)
        assert cache.get("greeting") == "hello"
        cache.delete("greeting-count")
        assert cache.add("greeting-count", 1)
        assert cache.incr("greeting-count") == 2
        cache.delete_many(["greeting", "greeting-count"])


def test_cache_reads_miss_and_writes_are_skipped_when_redis_is_down():
    with override_settings(CACHES=tolerant_cache(REDIS_DOWN)):
        cache = caches["default"]
        cache.set("greeting", "hello", 30)
        assert cache.get("greeting") is None
        assert cache.get("greeting", "fallback") == "fallback"
        assert cache.get_or_set("greeting", "computed") == "computed"
        assert cache.add("greeting", 1) is False
        assert cache.incr("greeting-count") == 0
