"""Per-client limits on search and cookie choices: generous for people, a GOV.UK 429 page for
scripts, counted in the shared cache. (Feedback's limit: tests/core/test_feedback.py.)"""

import pytest
import redis
from django.test import override_settings

from tests.conftest import TEST_REDIS_URL, ProxiedClient
from tests.core.test_cache_backends import REDIS_DOWN, tolerant_cache

# A person searches a few times a minute and changes their cookie choice once or twice; these
# are the most the site promises to answer.
SEARCH_LIMIT = 60  # a minute
COOKIE_LIMIT = 30  # in 10 minutes


def client_at(address: str) -> ProxiedClient:
    return ProxiedClient(address)


def assert_429_page(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert "You have made a lot of requests" in page
    assert "govuk-template" in page and "govuk-footer" in page
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_searches_are_limited_per_client():
    visitor = client_at("203.0.113.1")
    for number in range(SEARCH_LIMIT):
        assert visitor.get("/search", {"q": f"manager {number}"}).status_code == 200
    assert_429_page(visitor.get("/search", {"q": "one more"}))
    # Another person is not affected, and the search page itself still opens.
    assert client_at("203.0.113.2").get("/search", {"q": "manager"}).status_code == 200
    assert visitor.get("/search").status_code == 200
    # The count is kept in Redis, where every instance of the site reads the same one.
    assert redis.Redis.from_url(TEST_REDIS_URL).keys("*ratelimit:search:*")


@pytest.mark.django_db
def test_cookie_choices_are_limited_per_client():
    visitor = client_at("203.0.113.3")
    for _ in range(COOKIE_LIMIT):
        response = visitor.post("/cookies/consent", {"cookies": "accept", "next": "/"})
        assert response.status_code == 303
    assert_429_page(visitor.post("/cookies/consent", {"cookies": "accept", "next": "/"}))
    assert_429_page(visitor.post("/cookies", {"analytics": "yes"}))
    # Reading the cookies page is never limited.
    assert visitor.get("/cookies").status_code == 200


@pytest.mark.django_db
def test_addresses_made_up_by_the_client_are_ignored():
    # One client behind the load balancer, inventing a new address for each request.
    for number in range(SEARCH_LIMIT):
        ProxiedClient(forwarded_for=f"1.2.3.{number}, 198.51.100.9").get("/search", {"q": "x"})
    spoofed = ProxiedClient(forwarded_for="9.9.9.9, 198.51.100.9")
    assert spoofed.get("/search", {"q": "x"}).status_code == 429
    # A different visitor through the same load balancer is counted separately.
    other = ProxiedClient("198.51.100.10")
    assert other.get("/search", {"q": "x"}).status_code == 200


@pytest.mark.django_db
def test_limits_fail_open_when_redis_is_down():
    with override_settings(CACHES=tolerant_cache(REDIS_DOWN)):
        visitor = client_at("203.0.113.6")
        for _ in range(SEARCH_LIMIT + 5):
            assert visitor.get("/search", {"q": "x"}).status_code == 200
