"""Pages that vary too much to cache whole keep the parts every visitor shares (filter
options, each programme's list entry, the roles to compare) until content changes. A change
must still show at once, and the date must move application statuses on."""

import datetime
import logging

import pytest
from django.test import Client
from django.utils import timezone

from core.cache import content_changed, remember, remember_many
from core.models import Status
from programmes.models import SignUpClick
from tests.programmes.factories import make_programme, make_role, make_stage
from tests.security.test_faults import database_down

LIST = "/development-programmes/?stage=s1"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_a_remembered_value_is_worked_out_once_per_content_version():
    calls = []

    def work() -> str:
        calls.append(1)
        return f"value {len(calls)}"

    assert remember("thing", work) == remember("thing", work) == "value 1"
    content_changed()
    assert remember("thing", work) == "value 2"


def test_remember_many_works_out_only_what_the_cache_lacks():
    asked = []

    def work(names):
        asked.append(sorted(names))
        return {name: name.upper() for name in names}

    assert remember_many(["a", "b"], work) == {"a": "A", "b": "B"}
    assert remember_many(["a", "b", "c"], work) == {"a": "A", "b": "B", "c": "C"}
    assert asked == [["a", "b"], ["c"]]


def test_nothing_is_remembered_when_the_page_cache_is_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    values = iter(["first", "second"])
    assert remember("thing", lambda: next(values)) == "first"
    assert remember("thing", lambda: next(values)) == "second"


def test_filtered_list_shows_an_edited_programme_at_once():
    stage = make_stage(slug="s1")
    programme = make_programme(name="Old name", stages=[stage])
    visitor = Client()
    assert "Old name" in visitor.get(LIST).content.decode()

    programme.name = "New name"
    programme.save()
    html = visitor.get(LIST).content.decode()
    assert "New name" in html and "Old name" not in html

    programme.status = Status.DRAFT
    programme.save()
    assert "New name" not in visitor.get(LIST).content.decode()


def test_filtered_list_moves_application_status_on_with_the_date(monkeypatch):
    stage = make_stage(slug="s1")
    today = timezone.localdate()
    programme = make_programme(name="Spring intake", stages=[stage])
    programme.windows.create(
        opens_on=today + datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=30)
    )
    visitor = Client()
    before = visitor.get(LIST).content.decode()
    assert "Opens on" in before and "Applications open until" not in before

    monkeypatch.setattr(timezone, "localdate", lambda: today + datetime.timedelta(days=2))
    after = visitor.get(LIST).content.decode()
    assert "Applications open until" in after and "Opens on" not in after


def test_new_role_is_offered_for_filtering_and_comparison_at_once():
    stage = make_stage(slug="s1")
    make_role(slug="first", stage=stage)
    visitor = Client()
    assert 'value="later-role"' not in visitor.get(LIST).content.decode()
    assert 'value="later-role"' not in visitor.get("/explore-roles/compare/").content.decode()

    make_role(slug="later-role", stage=stage)
    assert 'value="later-role"' in visitor.get(LIST).content.decode()
    assert 'value="later-role"' in visitor.get("/explore-roles/compare/").content.decode()


def test_a_new_release_of_static_files_draws_pages_afresh(site_content, monkeypatch):
    """Kept pages and parts name hashed static files: after a release changes those files,
    nothing kept under the old ones may be served, even from a cache the releases share."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    visitor = Client()
    visitor.get("/")
    assert visitor.get("/").headers["X-Page-Cache"] == "hit"
    assert remember("thing", lambda: "old release") == "old release"

    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "a-new-release", raising=False)
    assert visitor.get("/").headers["X-Page-Cache"] == "miss"
    assert remember("thing", lambda: "new release") == "new release"


def test_comparison_shows_an_edited_role_at_once():
    stage = make_stage(slug="s1")
    first = make_role(slug="first", stage=stage, title="Old title")
    make_role(slug="second", stage=stage)
    visitor = Client()
    url = "/explore-roles/compare/?role=first&role=second"
    assert "Old title" in visitor.get(url).content.decode()

    first.title = "New title"
    first.save()
    html = visitor.get(url).content.decode()
    assert "New title" in html and "Old title" not in html


def test_filtered_list_finds_a_programme_given_a_new_stage_at_once():
    stage = make_stage(slug="s1")
    make_programme(name="Already there", stages=[stage])
    later = make_programme(name="Joins the stage later")
    visitor = Client()
    assert "Joins the stage later" not in visitor.get(LIST).content.decode()

    later.stages.add(stage)
    html = visitor.get(LIST).content.decode()
    assert "Joins the stage later" in html and "2 programmes" in html


def test_open_now_filter_follows_the_date(monkeypatch):
    today = timezone.localdate()
    make_programme(name="Any time")
    later = make_programme(name="Opens tomorrow")
    later.windows.create(
        opens_on=today + datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9)
    )
    visitor = Client()
    url = "/development-programmes/?open=yes"
    assert "Opens tomorrow" not in visitor.get(url).content.decode()

    monkeypatch.setattr(timezone, "localdate", lambda: today + datetime.timedelta(days=1))
    assert "Opens tomorrow" in visitor.get(url).content.decode()


def test_sign_up_follows_a_changed_address_and_unpublishing_at_once():
    programme = make_programme(slug="kept", sign_up_url="https://old.example/apply")
    visitor = Client()
    assert visitor.get("/development-programmes/kept/sign-up/")["Location"].startswith(
        "https://old.example/apply"
    )
    programme.sign_up_url = "https://new.example/apply"
    programme.save()
    assert visitor.get("/development-programmes/kept/sign-up/")["Location"].startswith(
        "https://new.example/apply"
    )
    programme.status = Status.DRAFT
    programme.save()
    assert visitor.get("/development-programmes/kept/sign-up/").status_code == 404
    assert SignUpClick.objects.count() == 2


def test_sign_up_with_the_database_down_still_reaches_the_provider(caplog):
    make_programme(slug="kept", sign_up_url="https://provider.example/apply")
    visitor = Client()
    assert visitor.get("/development-programmes/kept/sign-up/").status_code == 302
    with database_down(), caplog.at_level(logging.ERROR, logger="programmes.clicks"):
        response = visitor.get("/development-programmes/kept/sign-up/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://provider.example/apply")
    assert any(record.name == "programmes.clicks" for record in caplog.records)


@pytest.mark.usefixtures("production")
def test_a_search_is_worked_out_once_and_follows_an_edit_at_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import ProxiedClient

    programme = make_programme(name="Reflective supervision course")
    visitor = ProxiedClient()
    url = "/search?q=reflective+supervision"
    assert "Reflective supervision course" in visitor.get(url).content.decode()

    with CaptureQueriesContext(connection) as again:
        html = visitor.get(url).content.decode()
    assert "Reflective supervision course" in html
    assert not any("search_searchdocument" in q["sql"] for q in again.captured_queries)

    programme.name = "Reflective supervision for managers"
    programme.save()
    html = visitor.get(url).content.decode()
    assert "Reflective supervision for managers" in html
    assert "Reflective supervision course" not in html

    programme.status = Status.DRAFT
    programme.save()
    assert "Reflective supervision" not in visitor.get(url).content.decode()


@pytest.mark.usefixtures("production")
def test_a_kept_search_still_gives_each_page_number_its_own_page():
    from tests.conftest import ProxiedClient

    for n in range(11):
        make_programme(name=f"Reflective supervision {n}")
    visitor = ProxiedClient()
    url = "/search?q=reflective+supervision"

    def results(query: str) -> int:
        return visitor.get(url + query).content.decode().count('class="app-search-results__item"')

    assert results("") == 10
    assert results("&page=abc") == results("&page=0") == 10  # a mistyped number: page 1
    # Past the end: the last page, not the first page already kept.
    assert results("&page=99999999999999999999") == 1
    assert results("&page=2") == 1
