"""Cookie consent: the one place that reads and writes the visitor's analytics choice.

Pages may differ only by `consent_state()`'s three answers, so the page cache keys on it
(`PAGE_CACHE_CHOICE`, registered in settings.PAGE_CACHE_VISITOR_CHOICES).
"""

from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from core.campaigns import is_campaign_tag
from edge.page_cache import VisitorChoice

ConsentState = Literal["accept", "reject"]

CONSENT_COOKIE = "cookie_consent"
CONSENT_MAX_AGE = 60 * 60 * 24 * 365  # 1 year
CHOICES: tuple[ConsentState, ...] = ("accept", "reject")
# The query parameter that shows the banner's confirmation message once, after a choice.
CONFIRMATION_PARAM = "cookies"
CONFIRMATIONS = {"accept": "accepted", "reject": "rejected"}


def consent_state(request: HttpRequest) -> ConsentState | None:
    """The visitor's choice, or None when they have not chosen (or the cookie is malformed)."""
    value = request.COOKIES.get(CONSENT_COOKIE)
    return value if value in CHOICES else None


# The page cache keeps one copy of a page per answer, and lets the consent cookie and the
# one-off confirmation through.
PAGE_CACHE_CHOICE = VisitorChoice(
    cookie=CONSENT_COOKIE, query_param=CONFIRMATION_PARAM, state=consent_state
)


def set_consent(response: HttpResponse, choice: ConsentState) -> None:
    response.set_cookie(
        CONSENT_COOKIE,
        choice,
        max_age=CONSENT_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def safe_return_path(request: HttpRequest, candidate: str | None, default: str = "/") -> str:
    """An address on this site to send the visitor back to; anything else becomes `default`."""
    if (
        candidate
        and candidate.startswith("/")
        and not candidate.startswith("//")
        and "\\" not in candidate
        # No host is allowed: only a path qualifies. (Reading the request's host would fail
        # on the 400 page for a host the site does not serve, which shows this banner too.)
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts=set(), require_https=request.is_secure()
        )
    ):
        return candidate
    return default


def with_confirmation(path: str, choice: ConsentState) -> str:
    """`path` with the flag that shows the confirmation message once."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != CONFIRMATION_PARAM]
    query.append((CONFIRMATION_PARAM, CONFIRMATIONS[choice]))
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


def without_confirmation(path: str) -> str:
    """`path` without the one-off confirmation flag or campaign tags: where to go back to
    after a cookie choice, the same for every visitor to the page (so it may be cached)."""
    parts = urlsplit(path)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query)
        if k != CONFIRMATION_PARAM and not is_campaign_tag(k)
    ]
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


def confirmation_to_show(request: HttpRequest) -> ConsentState | None:
    """The choice to confirm on this page: only when the flag matches the stored choice."""
    state = consent_state(request)
    if state and request.GET.get(CONFIRMATION_PARAM) == CONFIRMATIONS[state]:
        return state
    return None


def banner(request: HttpRequest) -> dict:
    """What the cookie banner shows on this request's page."""
    state = consent_state(request)
    on_cookies_page = request.path == reverse("insight:cookies")
    # A path such as ////evil.example is this site's 404 page, but as a link it leaves the site.
    return_path = safe_return_path(request, without_confirmation(request.get_full_path()))
    return {
        "ask": state is None and not on_cookies_page,
        "confirmation": None if on_cookies_page else confirmation_to_show(request),
        "return_path": return_path,
        "hide_href": return_path,
    }


def analytics_id(request: HttpRequest) -> str:
    """The GA4 measurement ID to load, only after the visitor accepted analytics cookies."""
    measurement_id = getattr(settings, "GA_MEASUREMENT_ID", "")
    if consent_state(request) == "accept" and measurement_id:
        return measurement_id
    return ""
