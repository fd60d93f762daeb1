"""Who is asking: the one rule for a visitor's address, used by rate limits, the admin's
sign-in lockout and the anonymous visitor key of sign-up clicks."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind TRUSTED_PROXIES load balancers or proxies (each
    appending the address it saw to X-Forwarded-For), the address the outermost trusted one
    saw; earlier entries could be made up by the client, so they are never used. With no
    trusted proxy, or a request that did not come through them all, the connecting address."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
