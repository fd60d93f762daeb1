"""A small fixed-window rate limit kept in Django's cache (shared between instances)."""

import functools
import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import render

from edge.client import client_address


def client_key(request: HttpRequest, scope: str) -> str:
    # Hashed, and kept only in the cache for the window: the address is never stored.
    address = client_address(request)
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def allow(request: HttpRequest, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request; False once the client has made more than `limit` in the window."""
    return allow_key(client_key(request, scope), limit=limit, window_seconds=window_seconds)


def value_key(value: str, scope: str) -> str:
    """A limit on something other than the client, such as an email address: hashed, and
    kept only in the cache for the window."""
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:value:{digest}"


def allow_key(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one more under `key`; False once there have been more than `limit` in the window."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit


# Requests per client per window for each limited action: far above what a person does, so
# only scripts meet them. Read on each request, so tests can lower or raise them.
LIMITS = {
    "search": (60, 60),  # 60 searches a minute
    "cookies": (30, 10 * 60),  # 30 cookie choices in 10 minutes
    "alerts": (10, 60 * 60),  # 10 email alert requests an hour
    "alerts_address": (3, 60 * 60),  # 3 emails an hour to any one address, whoever asks
}


def refuse_if_over(request: HttpRequest, *, scope: str):
    """Count this request against `scope`'s limit; the GOV.UK 429 page once it is over."""
    limit, window_seconds = LIMITS[scope]
    if allow(request, scope=scope, limit=limit, window_seconds=window_seconds):
        return None
    response = render(request, "errors/429.html", {"hide_feedback": True}, status=429)
    response["Retry-After"] = str(window_seconds)
    return response


def limited(scope: str, *, methods: tuple[str, ...] = ("POST",)):
    """A view decorator: requests with one of `methods` count against `scope`'s limit."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and (refused := refuse_if_over(request, scope=scope)):
                return refused
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
