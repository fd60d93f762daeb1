"""Abuse of the production configuration: filling the cache, leaving the site through the
cookie banner, mistyped admin addresses, and what the cookies page promises."""

import re
from html import unescape

import pytest
import redis
from django.conf import settings

from tests.conftest import TEST_REDIS_URL, ProxiedClient
from tests.security.test_headers import assert_security_headers
from tests.security.test_redirects import assert_on_site

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


def stored_pages() -> int:
    return len(redis.Redis.from_url(TEST_REDIS_URL).keys("*page:*"))


def test_made_up_campaign_tags_do_not_fill_the_cache(site_content):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    for number in range(50):
        response = visitor.get(f"/?utm_source=spam{number}&utm_campaign=x{number}")
        assert response.status_code == 200
    assert stored_pages() == 1
    # The tags are left out of the page itself, so every visitor is served the same copy.
    assert "spam" not in visitor.get("/?utm_source=spam-again").content.decode()


def test_a_page_with_campaign_tags_is_the_page_without_them(site_content):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    visitor.get("/career-stages/")
    response = visitor.get("/career-stages/?utm_source=newsletter&utm_medium=email")
    assert response["X-Page-Cache"] == "hit"


def hide_cookie_message_href(page: str) -> str:
    [href] = re.findall(r'<a href="([^"]*)"[^>]*data-app-hide-cookie-message', page)
    return unescape(href)


@pytest.mark.parametrize("path", ["////evil.example", "//evil.example/", "/\\evil.example"])
def test_hide_cookie_message_never_leaves_the_site(site_content, path):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    visitor.cookies["cookie_consent"] = "accept"
    response = visitor.get(f"{path}?cookies=accepted")
    page = response.content.decode()
    assert "data-app-hide-cookie-message" in page
    href = hide_cookie_message_href(page)
    assert href.startswith("/") and not href.startswith("//")
    assert_on_site(href)


def test_hide_cookie_message_returns_to_the_page_it_was_on(site_content):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    visitor.cookies["cookie_consent"] = "accept"
    page = visitor.get("/career-stages/?cookies=accepted").content.decode()
    assert hide_cookie_message_href(page) == "/career-stages/"


@pytest.mark.parametrize(
    "address",
    [
        "/admin/programmes/programme/{pk}/history/abc/",
        "/admin/programmes/programme/abc/history/",
        "/admin/programmes/programme/abc/history/1/",
        "/admin/careers/role/{role}/history/1x/",
        "/admin/programmes/programme/{pk}/history/999999/",
    ],
)
def test_a_mistyped_admin_history_address_is_not_found(admin_client, site_content, address):
    from careers.models import Role
    from programmes.models import Programme

    admin_client.raise_request_exception = False
    url = address.format(pk=Programme.objects.first().pk, role=Role.objects.first().pk)
    assert admin_client.get(url).status_code == 404


def test_the_cookies_page_gives_the_lifetimes_the_site_really_sets(site_content):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    response = visitor.get("/cookies")
    assert_security_headers(response)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert re.search(r"sessionid .*? 2 hours", text)
    assert not re.search(r"\b2 weeks", text)
    assert re.search(r"cookie_consent .*? 1 year", text)
    assert re.search(r"csrftoken .*? 52 weeks", text)


def test_the_cookies_page_follows_the_session_setting(site_content, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    text = ProxiedClient().get("/cookies").content.decode()
    assert "30 minutes" in text and "2 hours" not in text
