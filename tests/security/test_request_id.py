"""Every response carries an X-Request-ID, and every log line written while serving it
carries the same ID, so a report of a response leads to the lines that explain it. The
production configuration, through the load balancer (see conftest.py)."""

import contextlib
import io
import json
import logging
import re
from unittest import mock

import pytest
from django.test import Client

from config.logs import JsonLines
from edge.request_id import WELL_FORMED
from tests.conftest import ProxiedClient
from tests.security.test_faults import database_down

GENERATED = re.compile(r"[0-9a-f]{32}")
FROM_THE_BALANCER = "0f8fad5b-d9cb-469f-a165-70867728950e"


@contextlib.contextmanager
def site_log():
    """What the site's own log handler writes (LOGGING in settings), one dict per line."""
    [handler] = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonLines)]
    buffer = io.StringIO()
    lines: list[dict] = []
    previous = handler.setStream(buffer)
    try:
        yield lines
    finally:
        handler.setStream(previous)
        lines.extend(json.loads(line) for line in buffer.getvalue().splitlines())


def test_log_lines_of_a_request_carry_the_id_its_response_returns(client, db):
    with site_log() as lines:
        response = client.get("/no-such-page")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert GENERATED.fullmatch(request_id)
    [line] = [line for line in lines if line["logger"] == "django.request"]
    assert line["message"] == "Not Found: /no-such-page"
    assert line["request_id"] == request_id
    assert {"time", "level", "logger", "message"} <= set(line)
    assert line["level"] == "WARNING"


def test_each_request_gets_its_own_id(client, db):
    ids = {client.get("/").headers["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3


def test_a_page_from_the_page_cache_gets_a_fresh_id(client, db):
    first = client.get("/career-stages/")
    second = client.get("/career-stages/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert GENERATED.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"].encode() not in second.content


def test_the_id_the_load_balancer_gave_is_kept(client, db):
    with site_log() as lines:
        response = client.get("/no-such-page", HTTP_X_REQUEST_ID=FROM_THE_BALANCER)
    assert response["X-Request-ID"] == FROM_THE_BALANCER
    assert [line["request_id"] for line in lines if line["logger"] == "django.request"] == [
        FROM_THE_BALANCER
    ]


def test_an_id_from_a_client_that_bypassed_the_load_balancer_is_replaced(db):
    direct = Client(REMOTE_ADDR="198.51.100.7")  # no X-Forwarded-For: not through the proxy
    response = direct.get("/no-such-page", HTTP_X_REQUEST_ID=FROM_THE_BALANCER, secure=True)
    assert response.status_code == 404
    assert GENERATED.fullmatch(response["X-Request-ID"])


@pytest.mark.parametrize(
    "hostile",
    [
        "a" * 65,  # too long
        "1234567\nX-Injected: yes",  # a line break, to forge a header or a log line
        "1234567\r\n",
        "réquest-1234567",  # not ASCII
        "short",  # too short to tell requests apart
        "<script>alert(1)</script>",
        '12345678", "level": "ERROR',  # a made-up JSON field
        "-12345678",  # could read as an option on a command line
    ],
)
def test_a_malformed_id_is_replaced_and_never_echoed(client, db, hostile):
    assert not WELL_FORMED.fullmatch(hostile)
    with site_log() as lines:
        response = client.get("/no-such-page", HTTP_X_REQUEST_ID=hostile)
    assert GENERATED.fullmatch(response["X-Request-ID"])
    assert hostile not in json.dumps(lines)
    assert hostile.encode() not in response.content
    assert all(line.get("request_id") == response["X-Request-ID"] for line in lines)


def test_the_503_page_of_a_database_outage_carries_the_id_of_its_log_lines(client, db):
    with site_log() as lines, database_down():
        response = client.get("/development-programmes/", HTTP_X_REQUEST_ID=FROM_THE_BALANCER)
    assert response.status_code == 503
    assert response["X-Request-ID"] == FROM_THE_BALANCER
    # Someone emailing about it can quote it.
    assert f"Give this reference in your email: <strong>{FROM_THE_BALANCER}</strong>" in (
        response.content.decode()
    )
    [outage] = [line for line in lines if line["message"].startswith("Database unavailable")]
    assert outage["level"] == "ERROR"
    assert outage["request_id"] == FROM_THE_BALANCER


def test_a_server_error_carries_the_id_of_its_traceback(client, db):
    client.raise_request_exception = False  # as gunicorn does: the handler's 500 page
    broken = mock.patch(
        "core.views.selectors.published_content_page", side_effect=RuntimeError("broken")
    )
    with site_log() as lines, broken:
        response = client.get("/privacy")
    assert response.status_code == 500
    [error] = [line for line in lines if line["logger"] == "django.request"]
    assert error["request_id"] == response["X-Request-ID"]
    assert f"<strong>{response['X-Request-ID']}</strong>" in response.content.decode()
    assert "RuntimeError: broken" in error["exc_info"]


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/healthz"},
        {"path": "/api/v1/roles"},
        {"path": "/api/v1/roles?format=xml"},  # 400
        {"path": "/", "HTTP_HOST": "not-our-site.example"},  # 400, before any page
        {"path": "/cookies/consent", "method": "post", "CONTENT_LENGTH": "999999999"},  # 413
    ],
)
def test_responses_made_before_any_page_also_carry_one(client, db, request_kwargs):
    method = request_kwargs.pop("method", "get")
    response = getattr(client, method)(**request_kwargs)
    assert GENERATED.fullmatch(response["X-Request-ID"])


def test_plain_http_redirected_to_https_carries_one(db):
    response = ProxiedClient(HTTP_X_FORWARDED_PROTO="http").get("/")
    assert response.status_code == 301
    assert GENERATED.fullmatch(response["X-Request-ID"])
