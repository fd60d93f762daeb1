"""Every response carries the security headers: pages, error pages and redirects."""

import re
from unittest import mock

import pytest
from django.db import OperationalError, connections

from edge import ratelimit
from tests.conftest import ProxiedClient

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


def assert_security_headers(response, *, html: bool = True, https: bool = True):
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    # Plan pages are stricter: their answers are in their address, so they send only the site.
    assert headers["Referrer-Policy"] in {"strict-origin-when-cross-origin", "strict-origin"}
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    if https:
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    else:  # browsers ignore HSTS over plain HTTP, and the standard says not to send it
        assert "Strict-Transport-Security" not in headers
    policy = headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "google" not in policy  # no analytics configured in tests
    if html:
        # Every script on the page carries this response's nonce, and only that one.
        page = response.content.decode()
        nonces = set(re.findall(r'<script[^>]*\snonce="([^"]+)"', page))
        scripts = re.findall(r"<script\b[^>]*>", page)
        assert len(nonces) == 1, nonces
        assert [tag for tag in scripts if "nonce=" not in tag] == []
        assert f"'nonce-{nonces.pop()}'" in policy


@pytest.fixture
def visitor():
    return ProxiedClient(HTTP_USER_AGENT=BROWSER)


def get(client, path, **extra):
    return client.get(path, secure=True, **extra)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/career-stages/",
        "/development-programmes/",
        "/development-programmes/pathway-2/",
        "/explore-roles/",
        "/cookies",
        "/privacy",
        "/search?q=manager",
        "/sitemap",
    ],
)
def test_pages(visitor, site_content, path):
    response = get(visitor, path)
    assert response.status_code == 200
    assert_security_headers(response)


def test_nonces_differ_between_responses(visitor, site_content):
    first = get(visitor, "/")["Content-Security-Policy"]
    second = get(visitor, "/")["Content-Security-Policy"]
    assert first != second


def test_a_304_keeps_the_policy_the_browser_kept_with_the_page(visitor, site_content):
    """The browser shows the page it kept, with the nonce in its scripts; a new policy would
    block them."""
    kept = get(visitor, "/development-programmes/")
    again = visitor.get("/development-programmes/", HTTP_IF_NONE_MATCH=kept["ETag"])
    assert again.status_code == 304
    assert "Content-Security-Policy" not in again
    assert again["X-Request-ID"]


@pytest.mark.parametrize(
    "path",
    [
        "/robots.txt",
        "/sitemap.xml",
        "/healthz",
        "/ping",
        "/api/v1/programmes",
        "/api/v1/roles?format=csv",
    ],
)
def test_other_responses(visitor, site_content, path):
    response = get(visitor, path)
    assert response.status_code == 200
    assert_security_headers(response, html=False)


def test_404(visitor, db):
    response = get(visitor, "/no-such-page")
    assert response.status_code == 404
    assert_security_headers(response)


def test_400(visitor, db):
    response = get(visitor, "/", CONTENT_LENGTH="lots")
    assert response.status_code == 400
    assert_security_headers(response)


def test_the_https_redirect(db):
    plain = ProxiedClient(HTTP_USER_AGENT=BROWSER, HTTP_X_FORWARDED_PROTO="http")
    response = plain.get("/career-stages/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/career-stages/"
    assert_security_headers(response, html=False, https=False)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("proto", ["https", "http"])
def test_the_400_page_for_a_host_the_site_does_not_serve(db, proto):
    stranger = ProxiedClient(HTTP_USER_AGENT=BROWSER, HTTP_HOST="evil.example")
    response = stranger.get("/", HTTP_X_FORWARDED_PROTO=proto)
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-template" in page and "evil.example" not in page
    assert_security_headers(response, https=proto == "https")


def test_x_forwarded_proto_is_ignored_without_a_trusted_proxy(db, settings):
    # The settings drop SECURE_PROXY_SSL_HEADER when TRUSTED_PROXIES is 0
    # (tests/security/test_production_settings.py); this is what that means for a request.
    settings.TRUSTED_PROXIES = 0
    settings.SECURE_PROXY_SSL_HEADER = None
    direct = ProxiedClient(HTTP_USER_AGENT=BROWSER)  # claims HTTPS itself
    response = direct.get("/career-stages/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_413(visitor, db, settings):
    settings.MAX_REQUEST_BODY_BYTES = 100
    response = visitor.post("/page-feedback", {"comment": "x" * 500}, secure=True)
    assert response.status_code == 413
    assert_security_headers(response)


def test_429(visitor, db, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, "search", (1, 60))
    get(visitor, "/search?q=one")
    response = get(visitor, "/search?q=two")
    assert response.status_code == 429
    assert_security_headers(response)


def test_503(visitor, site_content):
    refused = OperationalError("connection refused")
    with mock.patch.object(type(connections["default"]), "ensure_connection", side_effect=refused):
        response = get(visitor, "/career-stages/")
    assert response.status_code == 503
    assert_security_headers(response)


def test_sign_up_redirect(visitor, site_content):
    response = get(visitor, "/development-programmes/pathways-modules/sign-up/")
    assert response.status_code == 302
    assert_security_headers(response, html=False)


def test_cookie_consent_redirect(visitor, db):
    response = visitor.post(
        "/cookies/consent", {"cookies": "reject", "next": "/privacy"}, secure=True
    )
    assert response.status_code == 303
    assert_security_headers(response, html=False)
    cookie = response.cookies["cookie_consent"]
    assert cookie["secure"] and cookie["httponly"]


def test_admin_pages(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/", secure=True)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "style-src-attr 'unsafe-hashes'" in policy
    assert_security_headers(response, html=False)
