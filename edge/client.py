"""Who is asking: the one rule for a visitor's address, used by rate limits, the admin's
sign-in lockout and the anonymous visitor key of sign-up clicks, and for whether a request
came through the trusted proxies at all (so what they add, such as a request ID, counts)."""

from django.conf import settings
from django.http import HttpRequest


def _forwarded_hops(request: HttpRequest) -> list[str]:
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    return [hop for hop in hops if hop]


def came_through_trusted_proxies(request: HttpRequest) -> bool:
    """Whether every one of the TRUSTED_PROXIES load balancers or proxies passed this request
    on (each appends the address it saw to X-Forwarded-For). False with none configured."""
    proxies = settings.TRUSTED_PROXIES
    return bool(proxies) and len(_forwarded_hops(request)) >= proxies


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind TRUSTED_PROXIES load balancers or proxies, the address
    the outermost trusted one saw; earlier entries could be made up by the client, so they
    are never used. With no trusted proxy, or a request that did not come through them all,
    the connecting address."""
    if came_through_trusted_proxies(request):
        return _forwarded_hops(request)[-settings.TRUSTED_PROXIES]
    return request.META.get("REMOTE_ADDR", "")
