"""Faults: the database going away, and coming back; no sign-up click is lost."""

import contextlib
import io
import json
import logging
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError, connections
from django.test import Client

from core.cache import forget
from programmes.models import SignUpClick

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
SIGN_UP = "/development-programmes/pathway-2/sign-up/"
PROVIDER = "https://thefrontline.org.uk/develop-your-career/pathways-programme/"
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
    return Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.7")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_answer_503_with_the_govuk_page_and_recover(visitor, site_content, path):
    assert visitor.get(path).status_code == 200
    with database_down():
        response = visitor.get(path)
    assert response.status_code == 503
    page = response.content.decode()
    assert PROBLEM in page
    assert "govuk-template" in page and "govuk-footer" in page
    assert "5432" not in page  # nothing about the fault itself is shown
    # The next request reconnects by itself.
    assert visitor.get(path).status_code == 200


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [("/career-stages/", 503, PROBLEM), ("/no-such-page", 404, "Page not found")],
)
def test_error_pages_draw_with_the_page_cache_on(
    visitor, site_content, settings, path, status, heading
):
    settings.PAGE_CACHE_SECONDS = 600
    with database_down():
        forget()  # as when the version a process remembered has run out
        response = visitor.get(path)
    assert response.status_code == status
    page = response.content.decode()
    assert heading in page and "govuk-template" in page and "govuk-footer" in page


def test_search_answers_503_in_the_govuk_layout(visitor, site_content):
    with database_down():
        response = visitor.get(SEARCH)
    assert response.status_code == 503
    assert "govuk-template" in response.content.decode()
    assert visitor.get(SEARCH).status_code == 200


def test_health_check_reports_the_database(visitor, db):
    assert visitor.get("/healthz").json() == {"status": "ok", "database": "ok"}
    with database_down():
        response = visitor.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert visitor.get("/healthz").status_code == 200


def write_log(records: list[logging.LogRecord], path) -> None:
    """The records as the site's console handler writes them (see LOGGING in settings)."""
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    path.write_text("\n".join(formatter.format(record) for record in records) + "\n")


def replay(path) -> str:
    out = io.StringIO()
    call_command("replay_clicks", str(path), stdout=out)
    return out.getvalue()


def test_sign_up_while_the_database_is_down_reaches_the_provider_and_is_replayed_once(
    visitor, site_content, caplog, tmp_path
):
    # A visit while the database was up remembered the provider's address.
    assert visitor.get(SIGN_UP).status_code == 302
    assert SignUpClick.objects.count() == 1

    with database_down(), caplog.at_level(logging.ERROR, logger="programmes.clicks"):
        response = visitor.get(
            SIGN_UP + "?stage=manager",
            HTTP_REFERER="http://testserver/career-stages/manager/",
        )
    assert response.status_code == 302
    assert response["Location"].startswith(PROVIDER)

    [record] = [r for r in caplog.records if r.name == "programmes.clicks"]
    logged = json.loads(record.getMessage())
    assert logged["event"] == "sign_up_click_not_saved"
    assert logged["programme"] == "pathway-2"
    assert logged["stage"] == "manager"
    assert logged["source_path"] == "/career-stages/manager/"
    assert logged["is_bot"] is False
    assert len(logged["visitor_key"]) == 64
    assert logged["click_id"] and logged["created_at"]

    log_file = tmp_path / "site.log"
    write_log(caplog.records, log_file)
    assert "Added 1 clicks" in replay(log_file)
    click = SignUpClick.objects.get(click_id=logged["click_id"])
    assert click.programme.slug == "pathway-2"
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


def test_replay_skips_unreadable_and_unknown_lines(site_content, tmp_path):
    good = {
        "event": "sign_up_click_not_saved",
        "click_id": "0b6f4c1e-8d1e-4a8e-9d7e-4d8c2b1a0f00",
        "programme": "asye",
        "created_at": "2026-11-25T10:00:00+00:00",
        "source_path": "/",
        "stage": "no-such-stage",
        "visitor_key": "k" * 64,
        "is_bot": False,
    }
    lines = [
        "2026-11-25 10:00:00 INFO django.server GET / 200",
        "ERROR programmes.clicks " + json.dumps(good),
        "ERROR programmes.clicks " + json.dumps({**good, "click_id": "not-a-uuid"}),
        'ERROR programmes.clicks {"event": "sign_up_click_not_saved", "programme": ',
        "ERROR programmes.clicks "
        + json.dumps(
            {**good, "click_id": "1b6f4c1e-8d1e-4a8e-9d7e-4d8c2b1a0f00", "programme": "gone"}
        ),
    ]
    log_file = tmp_path / "site.log"
    log_file.write_text("\n".join(lines))
    out = replay(log_file)
    assert "Added 1 clicks" in out
    assert "1 were for programmes that no longer exist" in out
    assert "2 lines could not be read" in out
    click = SignUpClick.objects.get()
    assert click.stage is None  # an unknown stage is dropped, the click is kept


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
