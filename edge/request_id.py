"""Every request's ID, on each log line written while it is served and in its X-Request-ID
response header, so a visitor's or a load balancer's report of a response can be matched to
the log lines that explain it.

The ID the load balancer gave the request is kept when it is a short token of safe
characters and the request really came through the trusted proxies; anything else (a client
talking to the site directly, a header too long, with a line break or with characters
outside ASCII) gets a new ID, and the header's value is never logged or echoed."""

import contextvars
import logging
import re
import uuid

from django.http import HttpRequest, HttpResponse

from edge.client import came_through_trusted_proxies

HEADER = "X-Request-ID"
# Covers UUIDs, nginx's $request_id and most load balancers' tokens; ASCII only.
WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def request_id_for(request: HttpRequest) -> str:
    given = request.headers.get(HEADER, "")
    if given and WELL_FORMED.fullmatch(given) and came_through_trusted_proxies(request):
        return given
    return uuid.uuid4().hex


def current() -> str | None:
    """The ID of the request being served in this thread, if any."""
    return _current.get()


class RequestIdMiddleware:
    """First of all middleware, so every response carries the header: error pages, the 503
    page of a database outage, the health check and pages from the page cache alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = request_id_for(request)
        token = _current.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on each record written while a request is served. Django logs a
    4xx or 5xx response after the middleware has finished, with the request attached, so the
    ID is also read from there."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = _current.get() or getattr(getattr(record, "request", None), "request_id", "")
        if request_id:
            record.request_id = request_id
        return True
