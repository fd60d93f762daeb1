"""Counting page views on the server, without cookies or visitor details."""

from django.conf import settings
from django.urls import Resolver404, ResolverMatch, resolve

from edge.bots import is_bot
from insight import services
from insight.pages import COUNTED_PAGES, CountedPage


def counted_page(request, response) -> tuple[CountedPage, ResolverMatch] | None:
    """The counted page this request saw, if it is one and the visitor is a person."""
    if request.method != "GET" or response.status_code != 200:
        return None
    match = _resolver_match(request)
    page = COUNTED_PAGES.get(match.view_name) if match else None
    if page is None or is_bot(request.headers.get("User-Agent")):
        return None
    return None if _is_staff(request) else (page, match)


def _resolver_match(request) -> ResolverMatch | None:
    # A page from the page cache never reached URL resolution, so resolve it here.
    if request.resolver_match is not None:
        return request.resolver_match
    try:
        return resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None


def _is_staff(request) -> bool:
    # Staff previewing pages are not visitors. Only look at the user when a session cookie
    # exists: reading the session otherwise would add "Vary: Cookie" to every page.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_staff)


class PageViewMiddleware:
    """Counts successful GETs of counted pages, including pages served from a cache below it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        counted = counted_page(request, response)
        if counted:
            page, match = counted
            services.count_page_view(
                url_name=page.url_name,
                path=request.path,
                argument=str(match.kwargs.get(page.lookup, "")),
            )
        return response
