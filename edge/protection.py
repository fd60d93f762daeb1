"""Middleware that keeps every response safe: extra security headers, and a clear answer
when the database is down."""

import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.shortcuts import render

from core.views import healthz, ping

logger = logging.getLogger(__name__)

# Features no page of this service uses; switching them off limits what injected code could do.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


# Inline style attributes in the admin templates of django-import-export and
# django-simple-history, allowed by their exact hash rather than 'unsafe-inline'.
ADMIN_STYLE_ATTRIBUTE_HASHES = [
    "'unsafe-hashes'",
    "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",  # padding: 0;
    "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",  # font-weight: bold;
    "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",  # border-top: 0
]
# The one inline event handler there, on django-import-export's export page.
ADMIN_EVENT_HANDLER_HASHES = [
    "'unsafe-hashes'",
    "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='",  # onSelectToggleChange(event)
]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the site policy from settings, plus the few inline
    style attributes and the one event handler the admin's third-party templates need, by
    hash and on admin pages only."""

    def process_response(self, request, response):
        # A 304 tells the browser to show the page it kept, whose scripts carry the nonce of
        # the policy kept with it. A policy sent with the 304 would replace that one (RFC 9111,
        # 4.3.4) and block the page's own scripts on every return visit.
        if response.status_code == 304:
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            parts.update = {
                **(parts.update or {}),
                "style-src-attr": ADMIN_STYLE_ATTRIBUTE_HASHES,
                "script-src-attr": ADMIN_EVENT_HANDLER_HASHES,
            }
        return parts


class SecurityHeadersMiddleware:
    """Headers Django's own security middleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Django's clickjacking middleware sits lower down, so responses made above it (such
        # as the 413 page) would otherwise go without.
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        # Django's security middleware sets these, except on the 400 page for a host the site
        # does not serve asked for over plain HTTP: its HTTPS redirect fails on that host
        # before it gets to them. (HSTS does not belong on plain HTTP.)
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        )
        return response


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer with the GOV.UK 'problem with the service'
    page and a 503, so visitors and load balancers know to try again. Django opens a new
    connection on the next request, so the site recovers by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception)
        return render(request, "errors/503.html", status=503)


class HealthCheckMiddleware:
    """Answers the probes, /healthz and /ping, before the Host header is checked, so a probe
    that asks for 127.0.0.1 gets the real answer wherever ALLOWED_HOSTS points. Answering
    here also spares them what only pages need (sessions, sign-in, the page cache, page
    views), which cost /ping over half its time; the middleware above still gives them the
    request ID and every security header."""

    PROBES = {"/healthz": healthz, "/ping": ping}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = self.PROBES.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse bodies larger than any form or import file of this service needs, before
    anything reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return render(request, "errors/400.html", status=400)
        if length > settings.MAX_REQUEST_BODY_BYTES:
            return render(request, "errors/413.html", status=413)
        return self.get_response(request)
