"""The cookie banner, the consent cookie, the cookies page and consent-gated analytics."""

import pytest
from django.test import Client, RequestFactory, override_settings

from insight.consent import CONSENT_MAX_AGE, consent_state, safe_return_path

BANNER_HEADING = "Cookies on Develop your career in child and family social work"
GA_ID = "G-TEST12345"

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(site_content):
    return Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0")


def page_with_cookie(client, value, path="/accessibility"):
    if value is not None:
        client.cookies["cookie_consent"] = value
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


# consent_state is the one rule pages may vary by.


@pytest.mark.parametrize(
    ("value", "state"),
    [
        (None, None),
        ("accept", "accept"),
        ("reject", "reject"),
        ("yes", None),
        ("", None),
        ("ACCEPT", None),
        ("accept;reject", None),
    ],
)
def test_consent_state_has_three_answers(value, state):
    request = RequestFactory().get("/")
    if value is not None:
        request.COOKIES["cookie_consent"] = value
    assert consent_state(request) == state


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("/explore-roles/social-worker/", "/explore-roles/social-worker/"),
        ("/search?q=team+manager", "/search?q=team+manager"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("evil.example", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_return_paths_never_leave_the_site(candidate, expected):
    request = RequestFactory().get("/")
    assert safe_return_path(request, candidate) == expected


# The banner in its states.


def test_banner_asks_a_visitor_who_has_not_chosen(visitor):
    html = page_with_cookie(visitor, None)
    assert BANNER_HEADING in html
    assert "Accept analytics cookies" in html
    assert "Reject analytics cookies" in html
    assert 'href="/cookies?next=%2Faccessibility">View cookies</a>' in html


@pytest.mark.parametrize("value", ["accept", "reject"])
def test_banner_is_gone_once_the_visitor_has_chosen(visitor, value):
    html = page_with_cookie(visitor, value)
    assert "Accept analytics cookies" not in html
    assert "Hide cookie message" not in html


@pytest.mark.parametrize("value", ["maybe", "", "accept%20"])
def test_a_malformed_cookie_counts_as_no_choice(visitor, value):
    assert "Accept analytics cookies" in page_with_cookie(visitor, value)


def test_banner_is_not_on_the_cookies_page(visitor):
    assert "Accept analytics cookies" not in page_with_cookie(visitor, None, "/cookies")


@pytest.mark.parametrize(("choice", "word"), [("accept", "accepted"), ("reject", "rejected")])
def test_choosing_in_the_banner_sets_the_cookie_and_confirms_on_the_same_page(
    visitor, choice, word
):
    response = visitor.post("/cookies/consent", {"cookies": choice, "next": "/accessibility"})
    assert response.status_code == 303
    assert response["Location"] == f"/accessibility?cookies={word}"
    cookie = response.cookies["cookie_consent"]
    assert cookie.value == choice
    assert cookie["max-age"] == CONSENT_MAX_AGE == 365 * 24 * 60 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"

    html = visitor.get(response["Location"]).content.decode()
    assert f"You’ve {word} analytics cookies" in html
    assert 'href="/accessibility"' in html and "Hide cookie message" in html
    assert "Accept analytics cookies" not in html


def test_the_confirmation_shows_only_for_the_choice_made(visitor):
    visitor.cookies["cookie_consent"] = "reject"
    html = visitor.get("/accessibility?cookies=accepted").content.decode()
    assert "Hide cookie message" not in html


def test_consent_cookie_is_secure_when_session_cookies_are(visitor):
    with override_settings(SESSION_COOKIE_SECURE=True):
        response = visitor.post("/cookies/consent", {"cookies": "accept", "next": "/"})
    assert response.cookies["cookie_consent"]["secure"]
    with override_settings(SESSION_COOKIE_SECURE=False):
        response = visitor.post("/cookies/consent", {"cookies": "accept", "next": "/"})
    assert not response.cookies["cookie_consent"]["secure"]


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "http:/evil"]
)
def test_banner_cannot_send_visitors_off_the_site(visitor, target):
    response = visitor.post("/cookies/consent", {"cookies": "accept", "next": target})
    assert response.status_code == 303
    assert response["Location"] == "/?cookies=accepted"


def test_the_return_address_keeps_its_own_query(visitor):
    response = visitor.post(
        "/cookies/consent", {"cookies": "reject", "next": "/search?q=manager&cookies=accepted"}
    )
    assert response["Location"] == "/search?q=manager&cookies=rejected"


@pytest.mark.parametrize("choice", ["", "maybe", "ACCEPT"])
def test_a_bad_banner_answer_is_a_400_page(visitor, choice):
    response = visitor.post("/cookies/consent", {"cookies": choice, "next": "/"})
    assert response.status_code == 400
    assert "cookie_consent" not in response.cookies


def test_banner_answers_need_the_csrf_token(site_content):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/cookies/consent", {"cookies": "accept", "next": "/"})
    assert response.status_code == 403


def test_rejecting_removes_analytics_cookies(visitor):
    visitor.cookies["_ga"] = "GA1.1.123"
    response = visitor.post("/cookies/consent", {"cookies": "reject", "next": "/"})
    assert response.cookies["_ga"]["max-age"] == 0


# The cookies page.


def test_cookies_page_lists_every_cookie(visitor):
    html = page_with_cookie(visitor, None, "/cookies")
    assert '<h1 class="govuk-heading-xl">Cookies</h1>' in html
    for name in ["cookie_consent", "csrftoken", "sessionid", "_ga"]:
        assert f'<td class="govuk-table__cell">{name}</td>' in html
    assert "Remembers whether you accepted or rejected analytics cookies" in html


@pytest.mark.parametrize(("value", "checked"), [("accept", "yes"), ("reject", "no")])
def test_cookies_page_shows_the_current_choice(visitor, value, checked):
    html = page_with_cookie(visitor, value, "/cookies")
    assert f'value="{checked}" checked' in html


def test_cookies_page_has_nothing_chosen_before_a_choice(visitor):
    assert " checked" not in page_with_cookie(visitor, None, "/cookies")


def test_saving_on_the_cookies_page_confirms_with_a_link_back(visitor):
    response = visitor.post("/cookies", {"analytics": "yes", "next": "/accessibility"})
    assert response.status_code == 303
    assert response["Location"] == "/cookies?saved=1&next=%2Faccessibility"
    assert response.cookies["cookie_consent"].value == "accept"
    html = visitor.get(response["Location"]).content.decode()
    assert "You’ve set your cookie preferences." in html
    assert 'href="/accessibility">Go back to the page you were looking at' in html

    response = visitor.post("/cookies", {"analytics": "no"})
    assert response.cookies["cookie_consent"].value == "reject"


def test_the_cookies_page_link_back_cannot_leave_the_site(visitor):
    response = visitor.post("/cookies", {"analytics": "no", "next": "https://evil.example/"})
    assert "evil" not in response["Location"]
    visitor.cookies["cookie_consent"] = "reject"
    html = visitor.get("/cookies?saved=1&next=//evil.example/").content.decode()
    assert "evil.example" not in html
    assert 'href="/">Go back to the page you were looking at' in html


def test_cookies_page_without_an_answer_shows_an_error(visitor):
    response = visitor.post("/cookies", {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select yes if you want to accept analytics cookies" in html
    assert "<title>Error: Cookies" in html
    assert "cookie_consent" not in response.cookies


# Analytics only after Accept.


@pytest.mark.parametrize(
    ("value", "loaded"), [(None, False), ("reject", False), ("nope", False), ("accept", True)]
)
def test_analytics_load_only_after_accept(visitor, value, loaded):
    with override_settings(GA_MEASUREMENT_ID=GA_ID):
        html = page_with_cookie(visitor, value)
    assert ("googletagmanager.com/gtag/js?id=G-TEST12345" in html) is loaded
    assert ('gtag("config", "G-TEST12345"' in html) is loaded


def test_no_analytics_at_all_without_a_measurement_id(visitor):
    with override_settings(GA_MEASUREMENT_ID=""):
        html = page_with_cookie(visitor, "accept")
    assert "googletagmanager" not in html
    assert "gtag" not in html
