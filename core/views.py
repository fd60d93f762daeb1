"""Pages every app relies on: content pages, error pages and the health check."""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from core import selectors
from core.models import ContentPage

logger = logging.getLogger(__name__)


def content_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.published_content_page(slug=slug)
    if page is None:
        raise Http404
    return render_content_page(request, page)


def render_content_page(
    request: HttpRequest, page: ContentPage, *, preview: str = ""
) -> HttpResponse:
    """A content page whatever its status; the admin's preview shows drafts through it."""
    return render(request, "core/content_page.html", {"page": page, "preview": preview})


def healthz(request: HttpRequest) -> JsonResponse:
    """Each dependency's state. 503 when the database is down, as no page can be served; the
    site serves pages without the cache, so a cache outage is reported but still 200 (a load
    balancer must not take every instance out because Redis is away)."""
    database = "ok"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        database = "unavailable"
    check_cache = getattr(cache, "is_available", None)
    cache_state = "ok" if check_cache is None or check_cache() else "unavailable"
    if database != "ok":
        status, code = "error", 503
    elif cache_state != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {"status": status, "database": database, "cache": cache_state},
        status=code,
        headers={"Cache-Control": "no-store"},
    )


def ping(request: HttpRequest) -> HttpResponse:
    """A constant answer with no database: a cheap liveness probe, and the reference `make
    bench` compares every page with. Answered by edge.protection.HealthCheckMiddleware,
    below the middleware that gives every response its request ID and security headers."""
    return HttpResponse("pong\n", content_type="text/plain")


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, f"errors/{template}", {"hide_feedback": True}, status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, "500.html", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, "csrf.html", 403)
