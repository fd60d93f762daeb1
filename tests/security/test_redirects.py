"""Every redirect and back link stays on the site, or goes to the provider address stored
in the database: never to an address taken from the request."""

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User

from tests.conftest import ProxiedClient

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
PROVIDER_HOST = "www.support-for-social-workers.education.gov.uk"

HOSTILE = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "\x00//evil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "%252F%252Fevil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://testserver@evil.example/",
    "/@evil.example",
    "//evil.example/%2F..",
    "https://evil.example\\@testserver/",
    "\u3002evil.example",
    "/\u2215evil.example",
]


def where_a_browser_goes(address: str) -> tuple[str, str]:
    """The scheme and host a browser would load for this href or Location, from a page on
    the site: browsers drop tabs and newlines and read backslashes as slashes."""
    cleaned = re.sub(r"[\t\n\r]", "", address).replace("\\", "/").strip()
    parts = urlsplit(urljoin("http://testserver/page", cleaned))
    return parts.scheme, parts.hostname or ""


def assert_redirects_on_site(response):
    # A value the form cannot accept at all (such as a NUL byte) is a 400, with no redirect.
    assert response.status_code in {302, 303, 400}
    if response.status_code != 400:
        assert_on_site(response["Location"])


def assert_on_site(address: str):
    scheme, host = where_a_browser_goes(address)
    assert (scheme, host) == ("http", "testserver"), address


@pytest.fixture
def visitor():
    return ProxiedClient(HTTP_USER_AGENT=BROWSER)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_cookie_banner_answer_returns_only_to_this_site(visitor, db, hostile):
    response = visitor.post("/cookies/consent", {"cookies": "accept", "next": hostile})
    assert_redirects_on_site(response)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_cookies_page_back_links_stay_on_this_site(visitor, db, hostile):
    response = visitor.post("/cookies", {"analytics": "yes", "next": hostile})
    assert_redirects_on_site(response)
    page = visitor.get(response.get("Location", "/cookies?saved=1")).content.decode()
    for back in re.findall(r'href="([^"]*)">Go back to the page', page):
        assert_on_site(unescape(back))
    page = visitor.get("/cookies", {"next": hostile}).content.decode()
    assert "javascript:" not in page.lower()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_feedback_thank_you_back_link_stays_on_this_site(visitor, db, hostile):
    page = visitor.get("/page-feedback/thank-you", {"page": hostile}).content.decode()
    [back] = re.findall(r'href="([^"]*)">Return to the page', page)
    assert_on_site(unescape(back))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_sign_up_goes_only_to_the_stored_provider_address(visitor, site_content, hostile):
    for name in ["next", "url", "redirect", "to", "target", "stage"]:
        response = visitor.get("/development-programmes/pathways-modules/sign-up/", {name: hostile})
        assert response.status_code == 302
        assert urlsplit(response["Location"]).hostname == PROVIDER_HOST
        assert "evil" not in response["Location"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_admin_sign_in_next_stays_on_this_site(client, db, hostile):
    User.objects.create_user("staff", password="a-long-test-password", is_staff=True)
    response = client.post(
        "/admin/login/?next=" + hostile,
        {"username": "staff", "password": "a-long-test-password", "next": hostile},
    )
    assert_redirects_on_site(response)


def test_the_check_itself_catches_an_open_redirect():
    # The helper must fail for an address that leaves the site, or the tests prove nothing.
    for address in ["//evil.example", "/\\evil.example", "/\t/evil.example", "https:evil.example"]:
        with pytest.raises(AssertionError):
            assert_on_site(address)
