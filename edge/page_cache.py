"""Whole-page caching for anonymous visitors.

A page is stored once per address, cookie choice, content version and day, with this
request's CSRF token and CSP nonce swapped for placeholders; every visitor then gets the page
with their own fresh token and nonce put back. What else can differ between visitors
(signed-in staff, previews, anything that sets a cookie) is never stored: such requests and
responses go straight through.

Sits below the CSRF, CSP and page-view middleware, so tokens, policy headers and page-view
counts are handled for cached pages exactly as for rendered ones.

Choices anonymous visitors make that change pages (the cookie banner's) belong to higher
floors, which register them in settings.PAGE_CACHE_VISITOR_CHOICES: a page is kept once per
answer.
"""

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.module_loading import import_string

from core.cache import content_version, static_release
from core.campaigns import is_campaign_tag
from edge.gzip_splice import deflate_part, gzip_parts

logger = logging.getLogger(__name__)

CSRF_PLACEHOLDER = b"@@page-cache-csrf-token@@"
NONCE_PLACEHOLDER = b"@@page-cache-csp-nonce@@"
# Django's hidden form field; masked tokens are 64 letters and digits.
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
PLACEHOLDERS = re.compile(
    b"(" + re.escape(CSRF_PLACEHOLDER) + b"|" + re.escape(NONCE_PLACEHOLDER) + b")"
)
# As Django's GZipMiddleware decides (which leaves responses compressed here alone).
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# What every HTML page says to browsers: keep it, but check with us (a 304 is cheap) before
# reusing it, and never in a shared cache, since pages differ by cookie.
HTML_CACHE_CONTROL = "no-cache, private"
# Analytics cookies set by Google Analytics in the browser; they never change the page.
ANALYTICS_COOKIE = re.compile(r"^_g(?:a|id)(?:_.*)?$")
# Headers that are worked out again for each response.
UNSTORED_HEADERS = {"content-length", "vary", "etag", "cache-control", "set-cookie", "x-request-id"}


@dataclass(frozen=True)
class VisitorChoice:
    """A choice an anonymous visitor makes that changes the page: the cookie that holds it,
    the query parameter that confirms it once, and its answer for a request (None when they
    have not chosen; never the raw cookie, so made-up values cannot fill the cache)."""

    cookie: str
    query_param: str
    state: Callable[[HttpRequest], str | None]


def visitor_choices() -> list[VisitorChoice]:
    return _imported(tuple(getattr(settings, "PAGE_CACHE_VISITOR_CHOICES", ())))


@lru_cache
def _imported(paths: tuple[str, ...]) -> list[VisitorChoice]:
    return [import_string(path) for path in paths]


def choices_made(request: HttpRequest) -> str:
    return ",".join(choice.state(request) or "unset" for choice in visitor_choices())


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return mark_html(self.get_response(request))
        try:
            key = cache_key(request)
        except DatabaseError:
            # No version, no cache: let the view answer (or show the 503 page).
            logger.warning("Page cache skipped: content version unavailable")
            return mark_html(self.get_response(request))
        entry = cache.get(key)
        state = "hit"
        if entry is None:
            response = self.get_response(request)
            entry = storable_entry(request, response)
            if entry is None:
                return mark_html(response)
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            state = "miss"
        return respond(request, entry, state)


def is_cacheable_request(request: HttpRequest) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if path.startswith(f"/{settings.ADMIN_URL}") or path.startswith("/admin/"):
        return False
    if any(not _leaves_page_as_it_is(name) for name, _ in _query_pairs(request)):
        # Filters, searches and comparisons have endless variations: render them each time
        # rather than let them push whole pages out of the cache.
        return False
    return all(is_anonymous_cookie(name) for name in request.COOKIES)


def _query_pairs(request: HttpRequest) -> list[tuple[str, str]]:
    return parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)


def _leaves_page_as_it_is(name: str) -> bool:
    # A choice's one-off confirmation (kept in the key, as the page differs) and campaign
    # tags (left out of it, so made-up tags cannot fill the cache with copies).
    return is_campaign_tag(name) or any(name == c.query_param for c in visitor_choices())


def is_anonymous_cookie(name: str) -> bool:
    """Cookies every anonymous visitor may have; any other (a session) means no cache."""
    return (
        name == settings.CSRF_COOKIE_NAME
        or any(name == choice.cookie for choice in visitor_choices())
        or ANALYTICS_COOKIE.match(name) is not None
    )


def cache_key(request: HttpRequest) -> str:
    parts = [
        str(content_version()),
        static_release(),
        # Application windows open and close by date, so a page is good for one day at most.
        timezone.localdate().isoformat(),
        choices_made(request),
        request.scheme,
        request.get_host(),
        request.path,
        urlencode([(k, v) for k, v in _query_pairs(request) if not is_campaign_tag(k)]),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{digest}"


def storable_entry(request: HttpRequest, response: HttpResponse) -> dict | None:
    """The response as it may be shown to others, or None when it must not be stored."""
    if (
        response.status_code != 200
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
        or response.cookies
        or _says_private(response)
        or _session_changed(request)
    ):
        return None
    content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    nonce = _used_nonce(request)
    if nonce:
        content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
    state = choices_made(request)
    # Weak: each response carries its own token and nonce, so bodies differ byte for byte.
    digest = hashlib.sha256(content + state.encode()).hexdigest()[:32]
    etag = f'W/"{digest}"'
    headers = [(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS]
    # Fixed parts at even places, placeholders at odd ones; fixed parts compressed once here.
    parts = PLACEHOLDERS.split(content)
    deflated = [deflate_part(part) if n % 2 == 0 else None for n, part in enumerate(parts)]
    return {"parts": parts, "deflated": deflated, "headers": headers, "etag": etag}


def respond(request: HttpRequest, entry: dict, state: str) -> HttpResponse:
    fresh = {}  # one token and one nonce for the whole response, however many forms
    parts = list(entry["parts"])
    for n in range(1, len(parts), 2):
        if parts[n] not in fresh:
            fresh[parts[n]] = _fresh(request, parts[n])
        parts[n] = fresh[parts[n]]
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(gzip_parts(parts, entry["deflated"]))
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(b"".join(parts))
    for name, value in entry["headers"]:
        response[name] = value
    patch_vary_headers(response, ("Accept-Encoding",))
    response["ETag"] = entry["etag"]
    response["X-Page-Cache"] = state
    mark_html(response)
    return get_conditional_response(request, etag=entry["etag"], response=response)


def _fresh(request: HttpRequest, placeholder: bytes) -> bytes:
    if placeholder == CSRF_PLACEHOLDER:
        # get_token() also makes the CSRF middleware set the cookie the token belongs to.
        return get_token(request).encode()
    # Reading the nonce makes the CSP middleware put it in this response's policy.
    return str(request.csp_nonce).encode()


def mark_html(response: HttpResponse) -> HttpResponse:
    """Pages differ by cookie: let browsers keep them but revalidate, and no shared caches."""
    if response.get("Content-Type", "").startswith("text/html"):
        if "Cache-Control" not in response:
            response["Cache-Control"] = HTML_CACHE_CONTROL
        patch_vary_headers(response, ("Cookie",))
    return response


def _says_private(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _session_changed(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.modified)


def _used_nonce(request: HttpRequest) -> str:
    """This request's CSP nonce if the page used it (reading it otherwise would create one)."""
    nonce = getattr(request, "csp_nonce", None)
    if nonce is None or not nonce:  # django-csp's lazy nonce is falsy until first read
        return ""
    return str(nonce)
