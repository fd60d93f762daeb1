"""Counting page views on the server: people only, successful GETs of the pages named in
insight.pages, counted by page and by what the page is about, and shown on the dashboard."""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import Permission
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError
from django.db.models import QuerySet, Sum
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.models import ContentPage
from insight import services
from insight.models import PageView
from insight.page_views import PageViewMiddleware
from insight.pages import COUNTED_PAGES
from programmes.models import Programme
from tests.conftest import ProxiedClient
from tests.core.test_cache_backends import REDIS_DOWN, tolerant_cache

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
DASHBOARD = "/admin/insight/signupinsight/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(site_content):
    return Client(HTTP_USER_AGENT=BROWSER)


def views_of(path: str) -> int:
    return PageView.objects.filter(path=path).aggregate(n=Sum("views"))["n"] or 0


def dashboard_html() -> str:
    user = get_user_model().objects.create_user(
        f"analyst-{get_user_model().objects.count()}", password="x", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_signup_insight"))
    client = ProxiedClient()
    client.force_login(user)
    response = client.get(DASHBOARD + "?period=7")
    assert response.status_code == 200
    return response.content.decode()


def page_row(title: str, kind: str, views: int) -> str:
    return f'<tr><th scope="row">{title}</th><td>{kind}</td><td>{views}</td></tr>'


def test_each_view_of_the_home_page_is_counted_once_per_day(visitor):
    visitor.get("/")
    visitor.get("/?utm_source=email")
    row = PageView.objects.get()  # the query string is not part of the page
    assert (row.url_name, row.path, row.date, row.views) == (
        "careers:home",
        "/",
        timezone.localdate(),
        2,
    )
    assert row.content_type is None


def test_counting_keeps_nothing_about_the_visitor(site_content):
    Client(HTTP_USER_AGENT=BROWSER + " Unusual/9.9", REMOTE_ADDR="203.0.113.99").get("/")
    stored = [str(value) for row in PageView.objects.values() for value in row.values()]
    assert stored and not any("203.0.113.99" in v or "Unusual" in v for v in stored)


def published_pages() -> list[tuple[str, str, str]]:
    """(address, URL name, title on the dashboard) of one of each kind of counted page."""
    things = [
        ("careers:stage", CareerStage),
        ("careers:role", Role),
        ("careers:area", AreaOfPractice),
        ("careers:guidance", GuidancePage),
        ("programmes:detail", Programme),
    ]
    pages = [
        (thing.get_absolute_url(), url_name, str(thing))
        for url_name, model in things
        for thing in [model.objects.public().order_by("pk").first()]
    ]
    content = [
        (f"/{page.slug}", f"core:{page.slug.replace('-', '_')}", page.title)
        for page in ContentPage.objects.public().filter(
            slug__in=["accessibility", "privacy", "terms-and-conditions"]
        )
    ]
    return [
        ("/", "careers:home", "Home page"),
        ("/career-stages/", "careers:stages", "Career stages"),
        ("/explore-roles/", "careers:roles", "Explore roles"),
        ("/explore-areas-of-practice/", "careers:areas", "Areas of practice"),
        ("/career-paths/", "careers:career_paths", "Career paths"),
        ("/development-programmes/", "programmes:list", "Development programmes"),
        ("/search?q=manager", "search:search", "Search"),
        ("/explore-roles/compare/", "careers:compare", "Compare roles"),
        ("/sitemap", "sitemap", "Sitemap"),
        ("/cookies", "insight:cookies", "Cookies"),
        *content,
        *pages,
    ]


def test_every_kind_of_page_is_counted_and_shown_by_its_title(visitor):
    pages = published_pages()
    for path, _, _ in pages:
        assert visitor.get(path).status_code == 200, path
    assert visitor.get(pages[-1][0]).status_code == 200  # a programme page, twice
    named = dict(PageView.objects.values_list("url_name", "views"))
    # Every page insight.pages counts, each shown by its title.
    assert {url_name for _, url_name, _ in pages} == set(named) == set(COUNTED_PAGES)
    html = dashboard_html()
    for path, _, title in pages:
        assert f'<th scope="row">{title}</th>' in html, (path, title)
    programme = Programme.objects.public().order_by("pk").first()
    assert page_row(programme.name, "Programme", 2) in html
    assert page_row("Home page", "Page", 1) in html


@pytest.mark.parametrize(
    "path",
    [
        "/healthz",
        "/robots.txt",
        "/sitemap.xml",
        "/api/v1/programmes",
        "/page-feedback/thank-you?page=/",
    ],
)
def test_other_addresses_are_not_counted(visitor, path):
    assert visitor.get(path).status_code == 200
    assert not PageView.objects.exists()


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
    assert Client(HTTP_USER_AGENT=user_agent).get("/").status_code == 200
    assert views_of("/") == 0


def test_head_and_post_requests_are_not_counted(visitor):
    visitor.head("/")
    visitor.post("/")
    assert views_of("/") == 0


def test_pages_that_fail_are_not_counted(visitor):
    assert visitor.get("/explore-roles/no-such-role/").status_code == 404
    assert visitor.get("/development-programmes/no-such-programme/").status_code == 404
    assert visitor.get("/no-such-page/").status_code == 404
    assert not PageView.objects.exists()


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
    """Reading it would add "Vary: Cookie" and split a page cache per visitor. The page here
    comes from below the middleware without passing URL resolution, as a cached page does."""
    request = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)
    SessionMiddleware(lambda r: None).process_request(request)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    PageViewMiddleware(lambda request: HttpResponse("page"))(request)
    assert views_of("/") == 1
    assert not request.session.accessed


def test_a_database_problem_does_not_cost_the_visitor_the_page(visitor, monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("database unavailable")

    monkeypatch.setattr(services, "record_page_views", broken)
    assert visitor.get("/").status_code == 200


def test_recording_adds_to_the_days_row_and_starts_a_new_one_each_day(db):
    day = datetime.date(2026, 3, 1)
    view = {"url_name": "careers:home", "path": "/"}
    services.record_page_views(date=day, **view)
    services.record_page_views(date=day, **view)
    services.record_page_views(date=day + datetime.timedelta(days=1), **view)
    assert list(PageView.objects.order_by("date").values_list("date", "views")) == [
        (day, 2),
        (day + datetime.timedelta(days=1), 1),
    ]


def test_recording_survives_losing_the_race_to_create_the_days_row(db, monkeypatch):
    """Another request created the row just after our UPDATE found none: no view is lost."""
    day = datetime.date(2026, 3, 1)
    PageView.objects.create(path="/", date=day, views=1, url_name="careers:home")  # the rival's
    real_update = QuerySet.update
    calls = []

    def update_that_misses_the_first_time(self, **kwargs):
        calls.append(kwargs)
        return 0 if len(calls) == 1 else real_update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update_that_misses_the_first_time)
    services.record_page_views(date=day, url_name="careers:home", path="/")
    assert len(calls) == 2
    assert PageView.objects.get(path="/", date=day).views == 2


def test_a_renamed_role_keeps_its_views(visitor):
    role = Role.objects.public().order_by("pk").first()
    old_address = role.get_absolute_url()
    visitor.get(old_address)
    role.slug = f"{role.slug}-renamed"
    role.save()
    assert visitor.get(role.get_absolute_url()).status_code == 200
    assert visitor.get(old_address).status_code == 404
    assert page_row(role.title, "Role", 2) in dashboard_html()


# As deployed: the page cache on, Redis shared by every instance, a proxy in front.


@pytest.fixture
def deployed(production, site_content):
    return ProxiedClient(HTTP_USER_AGENT=BROWSER)


def test_pages_from_the_page_cache_are_counted(deployed):
    states = [deployed.get("/")["X-Page-Cache"] for _ in range(3)]
    assert states == ["miss", "hit", "hit"]
    # Counted in Redis, not on one database row that every view would wait for.
    assert not PageView.objects.exists()
    assert services.flush_page_views() == 3
    assert views_of("/") == 3
    assert services.flush_page_views() == 0  # nothing is written twice
    assert views_of("/") == 3


def test_the_dashboard_shows_views_still_in_redis(deployed):
    role = Role.objects.public().order_by("pk").first()
    for _ in range(2):
        deployed.get(role.get_absolute_url())
    assert page_row(role.title, "Role", 2) in dashboard_html()


def test_the_nightly_command_writes_the_views_waiting_in_redis(deployed):
    from io import StringIO

    from django.core.management import call_command

    deployed.get("/")
    out = StringIO()
    call_command("summarise_insight", stdout=out)
    assert "Wrote 1 page views from the shared cache." in out.getvalue()
    assert views_of("/") == 1


def test_views_counted_while_flushing_are_neither_lost_nor_counted_twice(deployed):
    """Four visitors' worth of views counted in threads while the counts are flushed over and
    over: every view reaches the database exactly once."""
    per_thread, threads = 50, 4

    def count():
        for _ in range(per_thread):
            services.count_page_view(url_name="careers:home", path="/")

    workers = [threading.Thread(target=count) for _ in range(threads)]
    for worker in workers:
        worker.start()
    flushed = 0
    while any(worker.is_alive() for worker in workers):
        flushed += services.flush_page_views()
    flushed += services.flush_page_views()
    assert flushed == views_of("/") == per_thread * threads


def test_a_database_error_while_flushing_keeps_the_views_for_next_time(deployed, monkeypatch):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    monkeypatch.setattr(services.timezone, "localdate", lambda: yesterday)
    deployed.get("/")
    monkeypatch.setattr(services.timezone, "localdate", lambda: today)
    deployed.get("/")
    real = services.record_page_views

    def broken(**kwargs):
        raise DatabaseError("database unavailable")

    monkeypatch.setattr(services, "record_page_views", broken)
    with pytest.raises(DatabaseError):
        services.flush_page_views()
    monkeypatch.setattr(services, "record_page_views", real)
    assert services.flush_page_views() == 2
    assert dict(PageView.objects.values_list("date", "views")) == {yesterday: 1, today: 1}


def test_with_redis_down_views_are_counted_in_the_database(deployed):
    with override_settings(CACHES=tolerant_cache(REDIS_DOWN)):
        for _ in range(2):
            assert deployed.get("/").status_code == 200
        assert services.flush_page_views() == 0
    assert views_of("/") == 2


def test_with_the_database_down_cached_pages_are_served_and_counted(deployed):
    from tests.security.test_faults import database_down

    assert deployed.get("/").status_code == 200  # now in the page cache
    with database_down():
        assert deployed.get("/")["X-Page-Cache"] == "hit"
    assert services.flush_page_views() == 2


def test_with_neither_store_answering_the_page_is_still_served(deployed, monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("database unavailable")

    monkeypatch.setattr(services, "record_page_views", broken)
    with override_settings(CACHES=tolerant_cache(REDIS_DOWN)):
        assert deployed.get("/").status_code == 200
    assert not PageView.objects.exists()
