"""Tracked sign-up links: one stored click per real click, and never an open redirect."""

import json
import logging
import threading
from unittest import mock

import pytest
from django.db import DatabaseError, OperationalError, connections
from django.test import Client

from careers.models import CareerStage
from core.models import Status
from programmes import services
from programmes.models import Programme, SignUpClick
from tests.programmes.factories import make_programme

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
URL = "/development-programmes/pathways-modules/sign-up/"
TARGET = (
    "https://www.support-for-social-workers.education.gov.uk/pathways-social-work-leadership-modules/available-pathways"
    "?utm_source=develop-social-work-careers&utm_medium=referral&utm_campaign=pathways-modules"
)


@pytest.fixture
def browser_client():
    return Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.7")


def test_click_is_stored_then_the_visitor_is_redirected(browser_client, site_content):
    response = browser_client.get(
        URL + "?stage=manager",
        HTTP_REFERER="http://testserver/development-programmes/pathways-modules/?stage=manager",
    )
    assert response.status_code == 302
    assert response["Location"] == TARGET
    assert "no-store" in response["Cache-Control"]
    click = SignUpClick.objects.get()
    assert click.programme.slug == "pathways-modules"
    assert click.source_path == "/development-programmes/pathways-modules/"
    assert click.stage.slug == "manager"
    assert click.is_bot is False
    assert len(click.visitor_key) == 64
    stored = json.dumps(list(SignUpClick.objects.values()), default=str)
    assert "198.51.100.7" not in stored and "Chrome" not in stored


def test_every_click_is_stored_and_one_browser_has_one_key_a_day(browser_client, site_content):
    browser_client.get(URL)
    browser_client.get(URL)
    Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.8").get(URL)
    assert SignUpClick.objects.count() == 3
    assert SignUpClick.objects.values("visitor_key").distinct().count() == 2


def test_a_visitor_counts_at_most_a_few_clicks_a_programme_a_day_and_always_gets_through(
    browser_client, site_content
):
    limit = services.CLICKS_PER_VISITOR_PER_DAY
    for _ in range(limit + 5):
        response = browser_client.get(URL)
        assert response.status_code == 302 and response["Location"] == TARGET
    assert SignUpClick.objects.count() == limit
    # Another programme, and another visitor, have their own allowance.
    other = make_programme()
    assert browser_client.get(f"/development-programmes/{other.slug}/sign-up/").status_code == 302
    Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.8").get(URL)
    assert SignUpClick.objects.count() == limit + 2


def test_the_click_allowance_fails_open_when_the_cache_is_down(browser_client, site_content):
    from django.test import override_settings

    from tests.core.test_cache_backends import REDIS_DOWN, tolerant_cache

    with override_settings(CACHES=tolerant_cache(REDIS_DOWN)):
        for _ in range(services.CLICKS_PER_VISITOR_PER_DAY + 2):
            assert browser_client.get(URL).status_code == 302
    assert SignUpClick.objects.count() == services.CLICKS_PER_VISITOR_PER_DAY + 2


def test_stored_sign_up_address_keeps_its_own_query(browser_client, site_content):
    Programme.objects.filter(slug="pathways-modules").update(
        sign_up_url="https://provider.example/apply?intake=may"
    )
    response = browser_client.get(URL)
    assert response["Location"] == (
        "https://provider.example/apply?intake=may&utm_source=develop-social-work-careers"
        "&utm_medium=referral&utm_campaign=pathways-modules"
    )


@pytest.mark.parametrize(
    "query",
    [
        "?next=https://evil.example/",
        "?url=//evil.example",
        "?redirect=https%3A%2F%2Fevil.example",
        "?stage=https://evil.example",
        "?utm_source=evil&utm_campaign=evil",
        "?stage=%00",
        "?" + "x=" + "a" * 5000,
    ],
)
def test_nothing_in_the_request_changes_where_the_visitor_goes(browser_client, site_content, query):
    response = browser_client.get(
        URL + query,
        HTTP_REFERER="https://evil.example/",
        HTTP_X_FORWARDED_HOST="evil.example",
        HTTP_X_ORIGINAL_URL="https://evil.example/",
    )
    assert response.status_code == 302
    assert response["Location"] == TARGET


@pytest.mark.parametrize(
    "path",
    [
        "/development-programmes/pathways-modules/sign-up/https://evil.example/",
        "/development-programmes/pathways-modules/sign-up//evil.example",
        "/development-programmes//evil.example/sign-up/",
        "/development-programmes/%2F%2Fevil.example/sign-up/",
    ],
)
def test_addresses_that_look_like_other_sites_are_not_found(browser_client, site_content, path):
    response = browser_client.get(path)
    assert response.status_code in (404, 301)
    if response.status_code == 301:  # a trailing slash added by Django, on this site
        assert response["Location"].startswith("/")


def test_referer_from_another_site_is_not_stored(browser_client, site_content):
    browser_client.get(URL, HTTP_REFERER="https://evil.example/development-programmes/")
    assert SignUpClick.objects.get().source_path == ""


@pytest.mark.parametrize("stage", ["no-such-stage", "", "%00", "a" * 500, "é"])
def test_unknown_stage_is_not_stored(browser_client, site_content, stage):
    assert browser_client.get(f"{URL}?stage={stage}").status_code == 302
    assert SignUpClick.objects.get().stage is None


def test_unpublished_stage_is_not_stored(browser_client, site_content):
    CareerStage.objects.filter(slug="manager").update(status=Status.DRAFT)
    browser_client.get(URL + "?stage=manager")
    assert SignUpClick.objects.get().stage is None


def test_head_requests_redirect_without_counting(browser_client, site_content):
    response = browser_client.head(URL)
    assert response.status_code == 302 and response["Location"] == TARGET
    assert SignUpClick.objects.count() == 0


@pytest.mark.parametrize("header", [{"HTTP_SEC_PURPOSE": "prefetch"}, {"HTTP_PURPOSE": "prefetch"}])
def test_prefetches_redirect_without_counting(browser_client, site_content, header):
    response = browser_client.get(URL, **header)
    assert response.status_code == 302 and response["Location"] == TARGET
    assert SignUpClick.objects.count() == 0


@pytest.mark.parametrize(
    "agent", ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", ""]
)
def test_bots_redirect_and_are_flagged_so_they_are_not_counted(site_content, agent):
    response = Client(HTTP_USER_AGENT=agent).get(URL)
    assert response.status_code == 302 and response["Location"] == TARGET
    assert SignUpClick.objects.get().is_bot is True
    assert SignUpClick.objects.counted().count() == 0


def test_other_methods_are_not_allowed(browser_client, site_content):
    assert browser_client.post(URL).status_code == 405
    assert SignUpClick.objects.count() == 0


@pytest.mark.parametrize("slug", ["no-such-programme", "PATHWAY-2"])
def test_unknown_programme_is_not_found(browser_client, site_content, slug):
    assert browser_client.get(f"/development-programmes/{slug}/sign-up/").status_code == 404
    assert SignUpClick.objects.count() == 0


def test_unpublished_programme_is_not_found(browser_client, site_content):
    Programme.objects.filter(slug="pathways-modules").update(status=Status.DRAFT)
    assert browser_client.get(URL).status_code == 404
    assert SignUpClick.objects.count() == 0


def test_programme_without_an_https_address_is_not_found(browser_client, site_content):
    # The form only accepts https; this covers data changed behind its back.
    Programme.objects.filter(slug="pathways-modules").update(sign_up_url="javascript:alert(1)")
    assert browser_client.get(URL).status_code == 404


def test_database_failure_still_redirects_and_logs_the_click(browser_client, site_content, caplog):
    failing = mock.patch.object(SignUpClick.objects, "create", side_effect=DatabaseError("full"))
    with failing, caplog.at_level(logging.ERROR, logger="programmes.clicks"):
        response = browser_client.get(
            URL + "?stage=manager", HTTP_REFERER="http://testserver/career-stages/manager/"
        )
    assert response.status_code == 302 and response["Location"] == TARGET
    assert SignUpClick.objects.count() == 0
    [record] = [r for r in caplog.records if r.name == "programmes.clicks"]
    assert record.levelno == logging.ERROR
    assert record.click["programme"] == "pathways-modules"
    assert record.click["source_path"] == "/career-stages/manager/"
    assert record.click["stage"] == "manager"
    assert record.click["is_bot"] is False
    assert len(record.click["visitor_key"]) == 64
    assert record.click["created_at"]
    assert record.click["click_id"]
    # One line of JSON, which manage.py replay_clicks reads back.
    logged = json.loads(record.getMessage())
    assert logged == {
        "event": "sign_up_click_not_saved",
        **record.click,
        "signature": services.click_signature(record.click),
        "error": "full",
    }


@pytest.mark.django_db
def test_service_returns_the_click_or_none():
    programme = Programme(slug="x")
    with mock.patch.object(SignUpClick.objects, "create", side_effect=DatabaseError):
        assert (
            services.record_sign_up_click(
                programme=programme, source_path="", stage=None, visitor_key="k", is_bot=False
            )
            is None
        )


@pytest.mark.django_db
def test_a_locked_database_is_tried_again(caplog):
    from tests.programmes.factories import make_programme

    programme = make_programme()
    real_create = SignUpClick.objects.create
    failures = iter([OperationalError("database table is locked")] * 2)

    def create(**fields):
        if (error := next(failures, None)) is not None:
            raise error
        return real_create(**fields)

    with mock.patch.object(SignUpClick.objects, "create", side_effect=create):
        click = services.record_sign_up_click(
            programme=programme, source_path="/", stage=None, visitor_key="k", is_bot=False
        )
    assert click is not None and SignUpClick.objects.count() == 1
    assert not [r for r in caplog.records if r.name == "programmes.clicks"]


@pytest.mark.django_db
def test_a_database_that_stays_locked_is_logged(caplog):
    from tests.programmes.factories import make_programme

    programme = make_programme()
    locked = OperationalError("database table is locked")
    failing = mock.patch.object(SignUpClick.objects, "create", side_effect=locked)
    with failing as create, caplog.at_level(logging.ERROR, logger="programmes.clicks"):
        click = services.record_sign_up_click(
            programme=programme, source_path="/", stage=None, visitor_key="k", is_bot=True
        )
    assert click is None
    assert create.call_count == services.STORE_ATTEMPTS
    [record] = [r for r in caplog.records if r.name == "programmes.clicks"]
    assert record.click["is_bot"] is True
    assert record.exc_info[1] is locked


@pytest.mark.django_db(transaction=True)
def test_simultaneous_clicks_are_all_stored(site_content):
    """N visitors clicking at the same moment store N clicks, on PostgreSQL and SQLite."""
    clicks = 12
    start = threading.Barrier(clicks)
    statuses: list[int] = []

    def click(number: int) -> None:
        client = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"198.51.100.{number}")
        try:
            start.wait(timeout=10)
            statuses.append(client.get(URL).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click, args=(n,)) for n in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302] * clicks
    assert SignUpClick.objects.filter(programme__slug="pathways-modules").count() == clicks
    assert SignUpClick.objects.values("visitor_key").distinct().count() == clicks


def test_a_click_keeps_the_campaign_of_the_page_it_came_from(browser_client, site_content):
    page = "http://testserver/development-programmes/pathways-modules/"
    browser_client.get(URL, HTTP_REFERER=page + "?utm_source=email-alert&utm_campaign=alert-x-1")
    browser_client.get(URL, HTTP_REFERER=page + "?utm_campaign=Not%20Ours%3Cscript%3E")
    browser_client.get(URL, HTTP_REFERER="https://evil.example/?utm_campaign=alert-x-1")
    assert list(SignUpClick.objects.order_by("pk").values_list("campaign", flat=True)) == [
        "alert-x-1",
        "",
        "",
    ]


def test_a_logged_click_keeps_its_campaign_when_replayed(browser_client, site_content, caplog):
    failing = mock.patch.object(SignUpClick.objects, "create", side_effect=DatabaseError("full"))
    referer = "http://testserver/development-programmes/pathways-modules/?utm_campaign=alert-x-1"
    with failing, caplog.at_level(logging.ERROR, logger="programmes.clicks"):
        browser_client.get(URL, HTTP_REFERER=referer)
    [record] = [r for r in caplog.records if r.name == "programmes.clicks"]
    logged = json.loads(record.getMessage())
    assert logged["campaign"] == "alert-x-1"
    assert services.replay_sign_up_clicks(records=[logged])["added"] == 1
    assert SignUpClick.objects.get().campaign == "alert-x-1"
    # The campaign is signed with the rest: changed, the line is refused.
    forged = {**logged, "campaign": "alert-y-2", "click_id": "6f1f2c1e-0000-4000-8000-000000000000"}
    assert services.replay_sign_up_clicks(records=[forged])["rejected"] == 1
