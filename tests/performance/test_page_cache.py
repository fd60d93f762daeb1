"""The page cache: anonymous pages come from the cache, with nothing one visitor should not
see leaking to another, and every change to the content shown at once."""

import datetime
import gzip
import re

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from core.models import ContentPage
from edge import page_cache
from edge.gzip_splice import deflate_part, gzip_parts
from insight.models import PageView

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
BANNER = "Cookies on Develop your career"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
NONCE = re.compile(r'nonce="([^"]+)"')

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def visitor(site_content):
    return Client(HTTP_USER_AGENT=BROWSER)


def cached(response) -> str | None:
    return response.headers.get("X-Page-Cache")


def test_the_second_visit_to_a_page_comes_from_the_cache(visitor):
    first = visitor.get("/")
    second = Client(HTTP_USER_AGENT=BROWSER).get("/")
    assert (cached(first), cached(second)) == ("miss", "hit")
    assert first.status_code == second.status_code == 200
    strip = lambda r: NONCE.sub("", TOKEN.sub("", r.content.decode()))  # noqa: E731
    assert strip(first) == strip(second)


def test_a_published_change_shows_at_once(visitor):
    page = ContentPage.objects.get(slug="accessibility")
    visitor.get("/accessibility")
    assert cached(visitor.get("/accessibility")) == "hit"

    page.title = "Accessibility statement for this changed service"
    page.save()

    response = visitor.get("/accessibility")
    assert cached(response) == "miss"
    assert "Accessibility statement for this changed service" in response.content.decode()


def test_each_visitor_gets_their_own_working_csrf_token(site_content):
    Client(HTTP_USER_AGENT=BROWSER).get("/")  # fills the cache
    first, second = Client(HTTP_USER_AGENT=BROWSER), Client(HTTP_USER_AGENT=BROWSER)
    pages = [first.get("/"), second.get("/")]
    assert [cached(p) for p in pages] == ["hit", "hit"]
    tokens = [TOKEN.findall(p.content.decode()) for p in pages]
    assert all(tokens) and set(tokens[0]).isdisjoint(tokens[1])
    assert "@@page-cache" not in pages[0].content.decode()
    # The token in the cached page goes with the cookie this visitor was given.
    assert "csrftoken" in pages[0].cookies
    strict = Client(HTTP_USER_AGENT=BROWSER, enforce_csrf_checks=True)
    strict.cookies = first.cookies
    answer = strict.post(
        "/cookies/consent",
        {"csrfmiddlewaretoken": tokens[0][0], "cookies": "accept", "next": "/"},
    )
    assert answer.status_code == 303


def test_each_response_has_its_own_csp_nonce_matching_its_policy(site_content):
    Client().get("/")
    responses = [Client().get("/") for _ in range(2)]
    nonces = []
    for response in responses:
        policy = response.headers.get("Content-Security-Policy") or response.headers.get(
            "Content-Security-Policy-Report-Only", ""
        )
        in_page = set(NONCE.findall(response.content.decode()))
        assert len(in_page) == 1
        nonce = in_page.pop()
        assert f"'nonce-{nonce}'" in policy
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_a_new_visitor_always_gets_the_banner_and_a_chooser_never_does(visitor):
    accepted = Client(HTTP_USER_AGENT=BROWSER)
    accepted.cookies["cookie_consent"] = "accept"
    for _ in range(2):
        assert BANNER in visitor.get("/").content.decode()
        page = accepted.get("/")
        assert BANNER not in page.content.decode()
        assert cached(page) in ("hit", "miss")
    assert cached(accepted.get("/")) == "hit"


def test_the_choice_confirmation_is_never_shown_to_someone_who_has_not_chosen(visitor):
    accepted = Client(HTTP_USER_AGENT=BROWSER)
    accepted.cookies["cookie_consent"] = "accept"
    assert (
        "You’ve accepted analytics cookies" in accepted.get("/?cookies=accepted").content.decode()
    )
    newcomer = visitor.get("/?cookies=accepted").content.decode()
    assert "You’ve accepted analytics cookies" not in newcomer
    assert BANNER in newcomer
    rejected = Client(HTTP_USER_AGENT=BROWSER)
    rejected.cookies["cookie_consent"] = "reject"
    assert "analytics cookies" not in rejected.get("/?cookies=accepted").content.decode()


def test_signed_in_staff_never_get_or_fill_cached_pages(visitor, admin_user):
    staff = Client(HTTP_USER_AGENT=BROWSER)
    staff.force_login(admin_user)
    assert cached(staff.get("/")) is None
    assert cached(visitor.get("/")) == "miss"
    assert cached(staff.get("/")) is None


def test_admin_pages_and_pages_with_a_query_are_not_cached(visitor):
    assert cached(visitor.get("/admin/login/")) is None
    for _ in range(2):
        assert cached(visitor.get("/development-programmes/?stage=early-career")) is None
        assert cached(visitor.get("/search?q=social+worker")) is None
    # Campaign tags on links in emails do not change the page, so it is cached.
    visitor.get("/?utm_source=email")
    assert cached(visitor.get("/?utm_source=email")) == "hit"


def test_responses_that_set_cookies_or_say_private_are_not_stored(rf):
    request = rf.get("/")
    from django.http import HttpResponse

    with_cookie = HttpResponse("<p>Hi</p>")
    with_cookie.set_cookie("something", "1")
    private = HttpResponse("<p>Hi</p>")
    private["Cache-Control"] = "private"
    not_html = HttpResponse("{}", content_type="application/json")
    error = HttpResponse("<p>Gone</p>", status=404)
    for response in (with_cookie, private, not_html, error):
        assert page_cache.storable_entry(request, response) is None
    assert page_cache.storable_entry(request, HttpResponse("<p>Hi</p>")) is not None


def test_pages_come_with_an_etag_and_answer_304_when_unchanged(visitor):
    first = visitor.get("/")
    assert first.headers["Cache-Control"] == "no-cache, private"
    assert "Cookie" in first.headers["Vary"]
    etag = first.headers["ETag"]
    again = visitor.get("/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # The ETag differs with the cookie choice, since the page does.
    chooser = Client(HTTP_USER_AGENT=BROWSER)
    chooser.cookies["cookie_consent"] = "reject"
    assert chooser.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_page_views_are_counted_for_cached_pages(visitor):
    assert [cached(visitor.get("/")) for _ in range(3)] == ["miss", "hit", "hit"]
    assert PageView.objects.get(url_name="careers:home").views == 3


def test_a_new_day_is_a_new_page(visitor, monkeypatch):
    # Application windows open and close by date.
    visitor.get("/")
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(page_cache.timezone, "localdate", lambda: tomorrow)
    assert cached(visitor.get("/")) == "miss"


def test_other_cookies_than_consent_csrf_and_analytics_bypass_the_cache(visitor):
    visitor.get("/")
    visitor.cookies["_ga"] = "GA1.1.123.456"
    assert cached(visitor.get("/")) == "hit"
    visitor.cookies["sessionid"] = "not-a-session"
    assert cached(visitor.get("/")) is None


def test_compressed_cached_pages_hold_the_whole_page_with_fresh_values(site_content):
    Client().get("/")
    plain = Client().get("/")
    packed = Client().get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert cached(packed) == "hit"
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    page = gzip.decompress(packed.content).decode()
    assert BANNER in page and "@@page-cache" not in page
    assert len(TOKEN.findall(page)) == len(TOKEN.findall(plain.content.decode())) > 0
    assert set(TOKEN.findall(page)).isdisjoint(TOKEN.findall(plain.content.decode()))
    strip = lambda text: NONCE.sub("", TOKEN.sub("", text))  # noqa: E731
    assert strip(page) == strip(plain.content.decode())


@given(st.lists(st.binary(max_size=3000), min_size=1, max_size=7))
def test_gzip_laid_end_to_end_from_parts_is_the_whole(parts):
    deflated = [deflate_part(part) if n % 2 == 0 else None for n, part in enumerate(parts)]
    assert gzip.decompress(gzip_parts(parts, deflated)) == b"".join(parts)
