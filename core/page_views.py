"""Counting page views on the server, without cookies or visitor details."""

import logging
import re

from django.conf import settings

from core import page_view_buffer
from core.bots import is_bot

logger = logging.getLogger(__name__)

# The pages DfE wants counted: home, career stages, programmes and roles.
COUNTED_PATH = re.compile(
    r"^/(?:(?:career-stages|development-programmes|explore-roles)/[a-z0-9-]+/)?$"
)


def should_count(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if not COUNTED_PATH.match(request.path):
        return False
    if is_bot(request.headers.get("User-Agent")):
        return False
    return not _is_staff(request)


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
        if should_count(request, response):
            # Written within PAGE_VIEW_FLUSH_SECONDS; a database error is logged, never shown.
            page_view_buffer.add(path=request.path)
        return response
