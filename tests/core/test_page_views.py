"""Counting page views on the server: people only, successful GETs of counted pages."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.test import Client, RequestFactory

from core import services
from core.models import PageView
from core.page_views import PageViewMiddleware

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(site_content):
    return Client(HTTP_USER_AGENT=BROWSER)


def views_of(path: str) -> int:
    return sum(PageView.objects.filter(path=path).values_list("views", flat=True))


def test_each_view_of_the_home_page_is_counted_once_per_day(visitor):
    visitor.get("/")
    visitor.get("/?utm_source=email")
    assert views_of("/") == 2
    assert PageView.objects.count() == 1  # the query string is not part of the page


def test_counting_stores_no_visitor_details(visitor):
    response = visitor.get("/")
    assert "Set-Cookie" not in response.headers or "cookie_consent" not in str(response.cookies)
    fields = {field.name for field in PageView._meta.get_fields()}
    assert fields == {"id", "path", "date", "views"}


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 HeadlessChrome/130.0",
        "",
    ],
)
def test_bots_are_not_counted(site_content, user_agent):
    Client(HTTP_USER_AGENT=user_agent).get("/")
    assert views_of("/") == 0


def test_head_and_post_requests_are_not_counted(visitor):
    visitor.head("/")
    visitor.post("/")
    assert views_of("/") == 0


def test_pages_that_fail_are_not_counted(visitor):
    assert visitor.get("/explore-roles/no-such-role/").status_code == 404
    assert visitor.get("/development-programmes/no-such-programme/").status_code == 404
    assert PageView.objects.count() == 0


def test_other_pages_are_not_counted(visitor):
    visitor.get("/accessibility")
    visitor.get("/cookies")
    assert PageView.objects.count() == 0


def test_staff_previewing_the_site_are_not_counted(visitor):
    staff = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    visitor.force_login(staff)
    visitor.get("/")
    assert views_of("/") == 0


def test_signed_in_non_staff_are_counted(visitor):
    visitor.force_login(get_user_model().objects.create_user("reader", password="x"))
    visitor.get("/")
    assert views_of("/") == 1


def test_counting_does_not_read_the_session_of_visitors_without_one(db):
    """Reading it would add "Vary: Cookie" and split a page cache per visitor."""
    request = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)
    SessionMiddleware(lambda r: None).process_request(request)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    PageViewMiddleware(lambda request: HttpResponse("page"))(request)
    assert views_of("/") == 1
    assert not request.session.accessed


@pytest.mark.parametrize(
    ("path", "counted"),
    [
        ("/", True),
        ("/career-stages/manager/", True),
        ("/development-programmes/pathway-2/", True),
        ("/explore-roles/team-manager/", True),
        ("/career-stages/", False),
        ("/development-programmes/pathway-2/sign-up", False),
        ("/explore-roles/team-manager/extra/", False),
        ("/accessibility", False),
        ("/admin/", False),
    ],
)
def test_which_pages_are_counted(db, path, counted):
    """Counted in the middleware, whatever answered below it (a view or a page cache)."""
    request = RequestFactory().get(path, HTTP_USER_AGENT=BROWSER)
    middleware = PageViewMiddleware(lambda request: HttpResponse("served from a cache"))
    middleware(request)
    assert views_of(path) == (1 if counted else 0)


def test_a_database_problem_does_not_cost_the_visitor_the_page(visitor, monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("database unavailable")

    monkeypatch.setattr(services, "record_page_view", broken)
    assert visitor.get("/").status_code == 200


def test_recording_adds_to_the_days_row_and_starts_a_new_one_each_day(db):
    day = datetime.date(2026, 3, 1)
    services.record_page_view(path="/", date=day)
    services.record_page_view(path="/", date=day)
    services.record_page_view(path="/", date=day + datetime.timedelta(days=1))
    assert list(PageView.objects.order_by("date").values_list("date", "views")) == [
        (day, 2),
        (day + datetime.timedelta(days=1), 1),
    ]


def test_recording_survives_losing_the_race_to_create_the_days_row(db, monkeypatch):
    """Another request created the row just after our UPDATE found none: no view is lost."""
    day = datetime.date(2026, 3, 1)
    PageView.objects.create(path="/", date=day, views=1)  # the rival's row
    real_update = QuerySet.update
    calls = []

    def update_that_misses_the_first_time(self, **kwargs):
        calls.append(kwargs)
        return 0 if len(calls) == 1 else real_update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update_that_misses_the_first_time)
    services.record_page_view(path="/", date=day)
    assert len(calls) == 2
    assert PageView.objects.get(path="/", date=day).views == 2
