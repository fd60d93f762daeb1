"""Addresses of the service this site replaces answer 301 with the address of our page."""

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import resolve

from core import old_addresses
from tests.security.test_faults import database_down
from tests.security.test_headers import assert_security_headers
from tests.security.test_redirects import HOSTILE, assert_on_site

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
ENTRIES = old_addresses.read()


def ids(entry: old_addresses.OldAddress) -> str:
    return entry.old


@pytest.fixture
def visitor(db, settings):
    """A visitor of the site as production runs it: DEBUG off, the page cache on."""
    assert settings.DEBUG is False
    settings.PAGE_CACHE_SECONDS = 600
    return Client(HTTP_USER_AGENT=BROWSER)


def test_the_file_lists_every_old_address_of_the_service():
    olds = {entry.old for entry in ENTRIES}
    assert {"/home", "/asye", "/pathway-1", "/pathway-4", "/practitioner", "/leader"} <= olds
    assert {"/termsconditions", "/content/privacy", "/develop-social-work-practice"} <= olds


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_every_entry_leads_to_one_of_our_pages(entry):
    target = entry.target()
    assert target != entry.old and target != entry.old + "/"
    assert resolve(target).func is not old_addresses.moved_permanently


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
@pytest.mark.parametrize("slash", ["", "/"])
def test_every_entry_answers_301_with_our_address(visitor, entry, slash):
    for _ in range(2):  # the second time as well: a redirect is never served from the cache
        response = visitor.get(entry.old + slash, secure=True)
        assert response.status_code == 301
        assert response["Location"] == entry.target()
        assert "X-Page-Cache" not in response
        assert_security_headers(response, html=False)


def test_examples_reach_the_pages_that_replace_them(visitor, site_content):
    for old, ours in [
        ("/asye", "/development-programmes/asye/"),
        ("/leader", "/career-stages/senior-leader/"),
        ("/content/privacy", "/privacy"),
    ]:
        response = visitor.get(old, secure=True, follow=True)
        assert response.redirect_chain == [(ours, 301)]
        assert response.status_code == 200


def test_campaign_tags_are_kept_and_the_rest_of_the_query_dropped(visitor):
    response = visitor.get(
        "/asye?utm_source=council&next=//evil.example&q=x&utm_campaign=spring", secure=True
    )
    assert response.status_code == 301
    assert response["Location"] == (
        "/development-programmes/asye/?utm_source=council&utm_campaign=spring"
    )


@pytest.mark.parametrize("hostile", HOSTILE)
def test_nothing_in_the_query_sends_visitors_off_the_site(visitor, hostile):
    for name in ["next", "url", "utm_source", "utm_campaign"]:
        response = visitor.get("/pathway-2", {name: hostile})
        assert response.status_code == 301
        assert urlsplit(response["Location"]).path == "/development-programmes/pathway-2/"
        assert_on_site(response["Location"])


@pytest.mark.parametrize(
    "path", ["/pathway-5", "/asye/extra", "/content/unknown", "/home/home", "/ASYE-2"]
)
def test_other_addresses_still_give_the_not_found_page(visitor, path):
    response = visitor.get(path, secure=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_redirects_need_no_database(visitor):
    with database_down():
        response = visitor.get("/pathway-3", secure=True)
        assert response.status_code == 301
        assert response["Location"] == "/development-programmes/pathway-3/"
        assert_security_headers(response, html=False)
        response = visitor.get("/career-stages/manager", secure=True)
        assert (response.status_code, response["Location"]) == (301, "/career-stages/manager/")
        response = visitor.get("/pathway-5", secure=True)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    ("old", "ours"),
    [
        ("/explore-roles/social-worker", "/explore-roles/social-worker/"),
        ("/career-stages/manager", "/career-stages/manager/"),
        ("/explore-areas-of-practice/fostering", "/explore-areas-of-practice/fostering/"),
        ("/development-programmes", "/development-programmes/"),
    ],
)
def test_old_addresses_without_the_trailing_slash_reach_ours(visitor, site_content, old, ours):
    response = visitor.get(old, secure=True)
    assert response.status_code == 301
    assert response["Location"] == ours
    assert_security_headers(response, html=False)
    assert visitor.get(ours, secure=True).status_code == 200


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("addresses:\n  - {old: /asye, to: a}\n  - {old: /asye, to: b}\n", "twice"),
        ("addresses:\n  - {old: /asye/, to: 'programmes:detail'}\n", "trailing slash"),
        ("addresses:\n  - {old: asye, to: 'programmes:detail'}\n", "a path like"),
        ("addresses:\n  - {old: '/a?b=1', to: 'programmes:detail'}\n", "a path like"),
        ("addresses:\n  - {old: /asye}\n", "needs old, to"),
        ("addresses:\n  - {old: /asye, to: x, slug: asye}\n", "needs old, to"),
    ],
)
def test_a_mistake_in_the_file_is_refused(tmp_path, text, problem):
    path = tmp_path / "old_addresses.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match=problem):
        old_addresses.read(path)
