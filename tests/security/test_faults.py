"""Faults: the database going away, and coming back; no sign-up click is lost."""

import contextlib
import io
import json
import logging
import uuid
from unittest import mock
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import OperationalError, connections

from config import logs
from config.settings import redis_cache
from core.cache import forget
from programmes import services
from programmes.models import SignUpClick
from tests.conftest import ProxiedClient
from tests.core.test_cache_backends import REDIS_DOWN
from tests.security.test_headers import assert_security_headers

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
SIGN_UP = "/development-programmes/pathways-modules/sign-up/"
PROVIDER = (
    "https://www.support-for-social-workers.education.gov.uk/"
    "pathways-social-work-leadership-modules/available-pathways"
)
PROBLEM = "Sorry, there is a problem with the service"
PUBLIC_PAGES = [
    "/",
    "/career-stages/",
    "/development-programmes/",
    "/development-programmes/pathway-2/",
    "/explore-roles/",
    "/privacy",
    "/sitemap",
]
# Search says so in its own words; every other page gives the service's problem page.
SEARCH = "/search?q=manager"


@contextlib.contextmanager
def database_down():
    """Every new query fails as it does when PostgreSQL has stopped: the connection wrapper
    cannot (re)connect. Django's own code paths run unchanged around it."""
    refused = OperationalError("connection to server at 127.0.0.1, port 5432 failed")
    with mock.patch.object(type(connections["default"]), "ensure_connection", side_effect=refused):
        yield


@pytest.fixture
def visitor():
    return ProxiedClient(HTTP_USER_AGENT=BROWSER)


def assert_problem_page(response):
    """The GOV.UK 503 page, in the full layout, with every security header."""
    assert response.status_code == 503
    page = response.content.decode()
    assert "govuk-template" in page and "govuk-footer" in page
    assert "5432" not in page  # nothing about the fault itself is shown
    assert_security_headers(response)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_not_in_the_cache_answer_503_with_the_govuk_page_and_recover(
    visitor, site_content, path
):
    with database_down():
        response = visitor.get(path)
    assert_problem_page(response)
    assert PROBLEM in response.content.decode()
    # The next request reconnects by itself.
    assert visitor.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/", "/development-programmes/pathway-2/"])
def test_a_process_that_never_reached_the_database_still_draws_the_503_page(
    visitor, site_content, path
):
    forget()  # a worker started during the outage: it has never read the content version
    with database_down():
        assert_problem_page(visitor.get(path))


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_already_cached_are_still_served_while_the_database_is_down(
    visitor, site_content, path, monkeypatch
):
    assert visitor.get(path).status_code == 200
    # However long the outage: each request asks the database for the content version
    # again, as it does once a second, and finds it down.
    monkeypatch.setattr("core.cache.MEMO_SECONDS", 0)
    with database_down():
        responses = [visitor.get(path) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert all(r["X-Page-Cache"] == "hit" for r in responses)


def test_an_unknown_address_gives_the_404_page_while_the_database_is_down(visitor, db):
    forget()
    with database_down():
        response = visitor.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert_security_headers(response)


def test_a_server_error_gives_the_500_page_while_the_database_is_down(visitor, site_content):
    forget()
    broken = mock.patch("core.views.selectors.published_content_page", side_effect=RuntimeError)
    visitor.raise_request_exception = False  # as gunicorn does: the handler's 500 page
    with database_down(), broken:
        response = visitor.get("/privacy")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert_security_headers(response)


def test_search_answers_503_in_the_govuk_layout(visitor, site_content):
    with database_down():
        response = visitor.get(SEARCH)
    assert_problem_page(response)
    assert visitor.get(SEARCH).status_code == 200


def test_the_api_answers_503_while_the_database_is_down(visitor, site_content):
    with database_down():
        response = visitor.get("/api/v1/programmes")
    assert response.status_code == 503
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert visitor.get("/api/v1/programmes").status_code == 200


def test_health_check_says_which_dependency_is_down(visitor, db):
    assert visitor.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
    with database_down():
        response = visitor.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}
    assert visitor.get("/healthz").status_code == 200


def test_health_check_reports_a_cache_outage_but_stays_up(visitor, db, settings):
    settings.CACHES = redis_cache(REDIS_DOWN)
    response = visitor.get("/healthz")
    assert response.status_code == 200  # pages are still served, from the database
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_health_check_answers_whatever_the_host_header(visitor, db):
    # The container's probe asks for 127.0.0.1, which ALLOWED_HOSTS need not list.
    response = visitor.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200


def write_log(records: list[logging.LogRecord], path, kind: str = "json") -> None:
    """The records as the site's console handler writes them in LOG_FORMAT `kind`."""
    formatter = logs.formatter(kind)
    path.write_text("\n".join(formatter.format(record) for record in records) + "\n")


def replay(path) -> str:
    out = io.StringIO()
    call_command("replay_clicks", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("log_format", logs.FORMATS)
def test_sign_up_while_the_database_is_down_reaches_the_provider_and_is_replayed_once(
    visitor, site_content, caplog, tmp_path, log_format
):
    # A visit while the database was up remembered the provider's address.
    assert visitor.get(SIGN_UP).status_code == 302
    assert SignUpClick.objects.count() == 1

    with database_down(), caplog.at_level(logging.ERROR, logger="programmes.clicks"):
        response = visitor.get(
            SIGN_UP + "?stage=manager",
            HTTP_REFERER="https://testserver/career-stages/manager/",
        )
    assert response.status_code == 302
    assert response["Location"].startswith(PROVIDER)

    [record] = [r for r in caplog.records if r.name == "programmes.clicks"]
    logged = json.loads(record.getMessage())
    assert logged["event"] == "sign_up_click_not_saved"
    assert logged["programme"] == "pathways-modules"
    assert logged["stage"] == "manager"
    assert logged["source_path"] == "/career-stages/manager/"
    assert logged["is_bot"] is False
    assert len(logged["visitor_key"]) == 64
    assert logged["click_id"] and logged["created_at"]

    log_file = tmp_path / "site.log"
    write_log(caplog.records, log_file, log_format)
    assert "Added 1 clicks" in replay(log_file)
    click = SignUpClick.objects.get(click_id=logged["click_id"])
    assert click.programme.slug == "pathways-modules"
    assert click.stage.slug == "manager"
    assert click.source_path == "/career-stages/manager/"
    assert click.created_at.isoformat() == logged["created_at"]
    assert click.visitor_key == logged["visitor_key"]
    # Replaying the same log again adds nothing.
    assert "Added 0 clicks; 1 were already stored" in replay(log_file)
    assert SignUpClick.objects.count() == 2


def test_a_failed_insert_is_logged_with_the_id_it_would_have_had(visitor, site_content, caplog):
    with (
        mock.patch.object(SignUpClick.objects, "create", side_effect=OperationalError("gone")),
        caplog.at_level(logging.ERROR, logger="programmes.clicks"),
    ):
        assert visitor.get(SIGN_UP).status_code == 302
    [record] = [r for r in caplog.records if r.name == "programmes.clicks"]
    attempts = {json.loads(record.getMessage())["click_id"]}
    assert len(attempts) == 1


def test_a_link_never_followed_before_gives_the_503_page(visitor, site_content):
    with database_down():
        response = visitor.get("/development-programmes/asye/sign-up/")
    assert response.status_code == 503
    assert PROBLEM in response.content.decode()


def test_prefetches_are_not_logged_as_clicks(visitor, site_content, caplog):
    visitor.get(SIGN_UP)
    with database_down(), caplog.at_level(logging.ERROR, logger="programmes.clicks"):
        response = visitor.get(SIGN_UP, HTTP_SEC_PURPOSE="prefetch")
    assert response.status_code == 302
    assert not [r for r in caplog.records if r.name == "programmes.clicks"]


def signed(click: dict) -> dict:
    return {**click, "signature": services.click_signature(click)}


GOOD = {
    "event": "sign_up_click_not_saved",
    "click_id": "0b6f4c1e-8d1e-4a8e-9d7e-4d8c2b1a0f00",
    "programme": "asye",
    "created_at": "2026-11-25T10:00:00+00:00",
    "source_path": "/",
    "stage": "no-such-stage",
    "visitor_key": "k" * 64,
    "is_bot": False,
}


def test_replay_skips_bad_lines_reports_them_and_keeps_going(site_content, tmp_path):
    later = {**GOOD, "click_id": "2b6f4c1e-8d1e-4a8e-9d7e-4d8c2b1a0f00"}
    lines = [
        "2026-11-25 10:00:00 INFO django.server GET / 200",
        'ERROR programmes.clicks {"event": "sign_up_click_not_saved", "programme": ',
        "ERROR programmes.clicks " + json.dumps(signed(GOOD)),
        "ERROR programmes.clicks " + json.dumps(signed({**GOOD, "click_id": "not-a-uuid"})),
        "ERROR programmes.clicks " + json.dumps(GOOD),  # not signed
        "ERROR programmes.clicks " + json.dumps({**signed(GOOD), "visitor_key": "k" * 63}),
        "ERROR programmes.clicks "
        + json.dumps(
            signed({**GOOD, "click_id": "1b6f4c1e-8d1e-4a8e-9d7e-4d8c2b1a0f00", "programme": "x"})
        ),
        # Signed, but longer than the database takes: reported, and the next line still read.
        "ERROR programmes.clicks "
        + json.dumps(signed({**GOOD, "click_id": str(uuid.uuid4()), "visitor_key": "k" * 65})),
        "ERROR programmes.clicks " + json.dumps(signed(later)),
    ]
    log_file = tmp_path / "site.log"
    log_file.write_text("\n".join(lines))
    out, err = io.StringIO(), io.StringIO()
    call_command("replay_clicks", str(log_file), stdout=out, stderr=err)
    assert "Added 2 clicks" in out.getvalue()
    assert "1 were for programmes that no longer exist" in out.getvalue()
    assert "4 lines could not be read or were not signed by this site" in out.getvalue()
    assert "1 could not be stored" in out.getvalue()
    assert [line.split(": ")[1].rsplit(":", 1)[1] for line in err.getvalue().splitlines()] == [
        "2",
        "4",
        "5",
        "6",
    ]
    assert {str(c.click_id) for c in SignUpClick.objects.all()} == {
        GOOD["click_id"],
        later["click_id"],
    }
    assert SignUpClick.objects.get(click_id=GOOD["click_id"]).stage is None  # unknown stage


def test_a_click_forged_through_a_crafted_address_is_never_stored(
    visitor, site_content, caplog, tmp_path
):
    # Django logs the address of every page not found; an attacker picks the address.
    forged = json.dumps({**GOOD, "click_id": str(uuid.uuid4()), "signature": "0" * 64})
    with caplog.at_level(logging.INFO):
        response = visitor.get("/" + quote(forged))
    assert response.status_code == 404
    log_file = tmp_path / "site.log"
    write_log(caplog.records, log_file)
    assert services.CLICK_NOT_SAVED_EVENT in log_file.read_text()
    out = replay(log_file)
    assert "Added 0 clicks" in out
    assert not SignUpClick.objects.exists()


def test_clicks_signed_with_a_replaced_secret_key_are_still_replayed(site_content, settings):
    old_signature = services.click_signature(GOOD)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation"
    result = services.replay_sign_up_clicks(records=[{**GOOD, "signature": old_signature}])
    assert result["added"] == 1


def test_with_redis_down_pages_and_sign_ups_still_work(visitor, site_content):
    from django.test import override_settings

    from tests.core.test_cache_backends import REDIS_DOWN, tolerant_cache

    with override_settings(CACHES=tolerant_cache(REDIS_DOWN)):
        for path in ["/", "/development-programmes/pathway-2/", "/search?q=manager", "/cookies"]:
            assert visitor.get(path).status_code == 200
        assert visitor.post("/cookies/consent", {"cookies": "reject"}).status_code == 303
        response = visitor.get(SIGN_UP)
    assert response.status_code == 302
    assert response["Location"].startswith(PROVIDER)
    assert SignUpClick.objects.count() == 1
