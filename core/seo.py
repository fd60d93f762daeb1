"""Absolute addresses for canonical links, sitemaps and structured data, and robots.txt."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from jinja2 import pass_context

from core.structured_data import breadcrumb_list


def site_root(request: HttpRequest) -> str:
    """The public address of the site: SITE_URL when set (behind a proxy), else the request's.
    A request for a host the site does not serve gets relative addresses: its error page must
    still render, and must not echo that host back."""
    if settings.SITE_URL:
        return settings.SITE_URL
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""


def absolute_url(request: HttpRequest, path: str) -> str:
    return site_root(request) + path


@require_safe
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Allow: /",
        # Endless variations of one results page are not for search engines. (The admin
        # address is not listed: it may be kept private, and it needs a login anyway.)
        "Disallow: /search",
        "",
        f"Sitemap: {absolute_url(request, '/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# Template helpers (Jinja globals): they read the request from the template context.


@pass_context
def page_url(context, path: str | None = None) -> str:
    """The absolute address of `path`, or of the current page without its query string."""
    request = context.get("request")
    if request is None:  # rendered outside a request, e.g. in a test of a fragment
        return path or ""
    return absolute_url(request, request.path if path is None else path)


@pass_context
def breadcrumb_data(context, breadcrumbs: list[dict]) -> dict:
    request = context["request"]
    return breadcrumb_list(
        breadcrumbs, base_url=site_root(request), current_url=absolute_url(request, request.path)
    )
