"""The sign-up insight dashboard: numbers checked against a small hand-counted fixture."""

import csv
import datetime
import io
import json
import random
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.plan_counts import record_plan
from insight.chart import bar_chart, nice_ceiling
from insight.forms import MAX_DAYS
from insight.models import ClickDaySummary, ClickRouteSummary, ProgrammeDaySummary
from insight.selectors import GONE, NO_STAGE, Period, insight
from insight.services import record_page_views
from insight.summaries import summarise_days, summarise_past_days
from programmes.models import SignUpClick
from programmes.services import click_signature
from tests.programmes.factories import make_programme, make_stage

LONDON = ZoneInfo("Europe/London")
JUNE = Period(start=datetime.date(2026, 6, 1), end=datetime.date(2026, 6, 3))
DASHBOARD = "/admin/insight/signupinsight/"
JUNE_QUERY = "?period=custom&start=2026-06-01&end=2026-06-03"

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0, month: int = 6) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def click(programme, when, *, key="", stage=None, source="", bot=False) -> None:
    made = SignUpClick.objects.create(
        programme=programme, source_path=source, stage=stage, visitor_key=key, is_bot=bot
    )
    # created_at is stamped on save; put the click at the time the test needs.
    SignUpClick.objects.filter(pk=made.pk).update(created_at=when)


@pytest.fixture
def june():
    """Three programmes; what falls inside 1 to 3 June 2026 (London time) is counted by hand.
    Visitor keys change every day, so no key appears on two days."""
    managers = make_stage(name="Managers", slug="managers", order=1)
    # Lists Alpha and Beta, but nobody viewed it or came through it.
    leaders = make_stage(name="Leaders", slug="leaders", order=2)
    alpha = make_programme(name="Alpha", slug="alpha", order=1, stages=[managers, leaders])
    beta = make_programme(name="Beta", slug="beta", order=2, stages=[leaders])
    make_programme(name="Gamma", slug="gamma", order=3)
    click(alpha, at(1, 9), key="k1", stage=managers, source="/career-stages/managers/")
    click(alpha, at(1, 10), key="k1", stage=managers, source="/development-programmes/alpha/")
    click(alpha, at(2, 12), key="k2", source="/development-programmes/alpha/")
    click(beta, at(3, 23, 30), stage=managers, source="=cmd()")  # late on 3 June; not a person
    click(beta, at(2, 8), key="k2", source="/explore-roles/team-manager/")
    # Not counted: after the period in London, before it, and a bot.
    click(beta, at(4, 0, 10), key="k3", source="/")
    click(alpha, at(31, 23, 59, month=5), key="k4", source="/")
    click(alpha, at(2, 9), key="k5", source="/", bot=True)
    views = [
        ("programmes:detail", "/development-programmes/alpha/", "alpha", 1, 10),
        ("programmes:detail", "/development-programmes/alpha/", "alpha", 2, 20),
        ("programmes:detail", "/development-programmes/alpha/", "alpha", 4, 99),
        ("programmes:detail", "/development-programmes/beta/", "beta", 3, 4),
        ("careers:role", "/explore-roles/team-manager/", "team-manager", 1, 1000),
        ("careers:stage", "/career-stages/managers/", "managers", 2, 7),
        ("careers:home", "/", "", 3, 70),
        ("programmes:detail", "/development-programmes/alpha/", "alpha", 31, 50),
    ]
    for url_name, path, argument, day, n in views:
        month = 5 if day == 31 else 6
        record_page_views(
            date=datetime.date(2026, month, day),
            url_name=url_name,
            path=path,
            argument=argument,
            views=n,
        )
    record_plan(day=datetime.date(2026, 6, 2), role="team-manager", aim="lead", suggested=["@hod"])
    record_plan(day=datetime.date(2026, 6, 2), role="team-manager", aim="lead", suggested=["@hod"])
    record_plan(day=datetime.date(2026, 7, 1), role="team-manager", aim="lead", suggested=["@hod"])
    return {"alpha": alpha, "beta": beta, "managers": managers}


AROUND_JUNE = Period(start=datetime.date(2026, 5, 30), end=datetime.date(2026, 6, 5)).dates()
SUMMARISED = {
    "read from the clicks": [],
    "read from the summaries": AROUND_JUNE,
    # 1 and 3 June from the clicks, 2 June from its summary.
    "read from both": [datetime.date(2026, 5, 31), datetime.date(2026, 6, 2)],
}


@pytest.fixture(params=SUMMARISED)
def fixture(request, june):
    """The June clicks with none, all or some of their days summarised: every number the
    dashboard shows must be the same."""
    summarise_days(days=SUMMARISED[request.param])
    return june


def test_per_programme_numbers(fixture):
    rows = [
        (r["name"], r["views"], r["clicks"], r["unique_clickers"], r["ctr"])
        for r in insight(period=JUNE).programmes
    ]
    assert rows == [
        ("Alpha", 30, 3, 2, 10.0),
        ("Beta", 4, 2, 1, 50.0),
        ("Gamma", 0, 0, 0, None),
    ]


def test_totals_count_people_once(fixture):
    assert insight(period=JUNE).totals == {
        "views": 34,
        "clicks": 5,
        "unique_clickers": 2,  # k2 clicked both programmes on 2 June
        "ctr": 14.7,
    }


def test_breakdown_by_career_stage(fixture):
    rows = [
        (r["label"], r["stage_views"], r["programme_views"], r["clicks"], r["ctr"])
        for r in insight(period=JUNE).stages
    ]
    assert rows == [
        # Alpha's 30 views; 3 clicks through the stage from 7 views of its page.
        ("Managers", 7, 30, 3, 42.9),
        # Alpha's and Beta's views count here too, as both are listed.
        ("Leaders", 0, 34, 0, None),
        (NO_STAGE, None, None, 2, None),
    ]


def test_the_route_from_the_home_page_to_a_sign_up(fixture):
    assert insight(period=JUNE).route == [
        {"step": "Home page views", "count": 70, "share": None},
        {"step": "Career stage page views", "count": 7, "share": 10.0},
        {"step": "Programme page views", "count": 34, "share": 485.7},
        {"step": "Sign-up clicks", "count": 5, "share": 14.7},
    ]


def test_breakdown_by_page_the_click_came_from(fixture):
    sources = insight(period=JUNE).sources
    assert sources[0] == {"source_path": "/development-programmes/alpha/", "clicks": 2}
    assert {row["source_path"]: row["clicks"] for row in sources[1:]} == {
        "/career-stages/managers/": 1,
        "=cmd()": 1,
        "/explore-roles/team-manager/": 1,
    }


def test_daily_numbers_in_london_days(fixture):
    assert insight(period=JUNE).days == [
        {"date": datetime.date(2026, 6, 1), "views": 10, "clicks": 2},
        {"date": datetime.date(2026, 6, 2), "views": 20, "clicks": 2},
        {"date": datetime.date(2026, 6, 3), "views": 4, "clicks": 1},
    ]


def test_every_counted_page_is_shown_by_its_title(fixture):
    assert insight(period=JUNE).pages == [
        # No role "team-manager" exists here, so its views are shown by their address.
        {"title": "/explore-roles/team-manager/", "kind": GONE, "views": 1000},
        {"title": "Home page", "kind": "Page", "views": 70},
        {"title": "Alpha", "kind": "Programme", "views": 30},
        {"title": "Managers", "kind": "Career stage", "views": 7},
        {"title": "Beta", "kind": "Programme", "views": 4},
    ]


def test_a_programme_keeps_its_views_when_its_address_changes(fixture):
    alpha = fixture["alpha"]
    alpha.slug = "alpha-renamed"
    alpha.save()
    record_page_views(
        date=datetime.date(2026, 6, 3),
        url_name="programmes:detail",
        path="/development-programmes/alpha-renamed/",
        argument="alpha-renamed",
        views=5,
    )
    data = insight(period=JUNE)
    assert data.programmes[0]["views"] == 35
    assert {"title": "Alpha", "kind": "Programme", "views": 35} in data.pages
    assert data.days[-1]["views"] == 4 + 5


def test_an_empty_period_has_zeros(fixture):
    quiet = Period(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 1, 2))
    data = insight(period=quiet)
    assert data.totals == {"views": 0, "clicks": 0, "unique_clickers": 0, "ctr": None}
    assert [day["clicks"] for day in data.days] == [0, 0]
    # Every stage is listed; the row for clicks through no stage only when there are some.
    assert [(r["label"], r["stage_views"], r["clicks"], r["ctr"]) for r in data.stages] == [
        ("Managers", 0, 0, None),
        ("Leaders", 0, 0, None),
    ]
    assert [(step["count"], step["share"]) for step in data.route] == [(0, None)] * 4


def test_last_n_days_ends_today():
    period = Period.last(7, today=datetime.date(2026, 6, 30))
    assert (period.start, period.end, period.days) == (
        datetime.date(2026, 6, 24),
        datetime.date(2026, 6, 30),
        7,
    )


def test_chart_axis_tops_are_round_numbers():
    assert [nice_ceiling(n) for n in (0, 1, 3, 10, 11, 180, 4999)] == [1, 1, 5, 10, 20, 200, 5000]


def test_chart_bars_are_in_proportion():
    days = [{"date": datetime.date(2026, 6, d), "clicks": n} for d, n in [(1, 5), (2, 10), (3, 0)]]
    chart = bar_chart(days, "clicks")
    heights = [bar["height"] for bar in chart["bars"]]
    assert heights[1] == 2 * heights[0] and heights[2] == 0
    assert chart["peak"]["date"] == datetime.date(2026, 6, 2)


# The dashboard in the admin.


def staff(*, can_see_insight: bool):
    username = f"dfe-{get_user_model().objects.count()}"
    user = get_user_model().objects.create_user(username, password="x", is_staff=True)
    if can_see_insight:
        user.user_permissions.add(Permission.objects.get(codename="view_signup_insight"))
    client = Client()
    client.force_login(user)
    return client


def test_the_dashboard_needs_the_permission(fixture):
    assert Client().get(DASHBOARD).status_code == 302  # to the admin sign-in
    assert staff(can_see_insight=False).get(DASHBOARD).status_code == 403
    assert staff(can_see_insight=False).get(DASHBOARD + "export.csv").status_code == 403


@pytest.mark.django_db
def test_the_dashboards_old_address_leads_to_it():
    response = staff(can_see_insight=True).get("/admin/programmes/signupinsight/?last=7")
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD + "?last=7"


def test_the_permission_is_named_for_people():
    permission = Permission.objects.get(codename="view_signup_insight")
    assert permission.name == "View sign-up insight"


def test_the_dashboard_shows_the_numbers_as_tables_and_charts(fixture):
    response = staff(can_see_insight=True).get(DASHBOARD + JUNE_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 June 2026 to 3 June 2026" in html
    row = '<tr><th scope="row">Alpha</th><td>30</td><td>3</td><td>2</td><td>10.0%</td></tr>'
    assert row in html
    total = '<tr><th scope="row">Total</th><td>34</td><td>5</td><td>2</td><td>14.7%</td></tr>'
    assert total in html
    assert html.count('role="img"') >= 2
    assert "Programme page views per day" in html and "Sign-up clicks per day" in html
    assert '<tr><th scope="row">2 June 2026</th><td>20</td><td>2</td></tr>' in html
    assert "=cmd()" in html  # shown as text in the page; only the CSV needs neutralising
    assert '<tr><th scope="row">Home page</th><td>Page</td><td>70</td></tr>' in html
    assert '<tr><th scope="row">Managers</th><td>Career stage</td><td>7</td></tr>' in html


def test_the_default_period_is_the_last_30_days(fixture):
    html = staff(can_see_insight=True).get(DASHBOARD).content.decode()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=29)
    assert f"{start.day} {start:%B %Y} to {today.day} {today:%B %Y}" in html


def dates(start: tuple[str, str, str], end: tuple[str, str, str]) -> str:
    """The dashboard's address for dates typed in its From and To boxes (day, month, year)."""
    boxes = {
        f"{name}-{part}": typed
        for name, parts in (("start", start), ("end", end))
        for part, typed in zip(("day", "month", "year"), parts, strict=True)
    }
    return "?" + urlencode({"period": "custom", **boxes})


def test_dates_typed_in_the_date_inputs_choose_the_period(fixture):
    response = staff(can_see_insight=True).get(
        DASHBOARD + dates(("1", "6", "2026"), ("03", "06", "2026"))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 June 2026 to 3 June 2026" in html
    assert (
        '<tr><th scope="row">Total</th><td>34</td><td>5</td><td>2</td><td>14.7%</td></tr>' in html
    )
    # The boxes keep what was typed, and no quick link is marked as the one shown.
    assert 'name="end-month" type="text" inputmode="numeric" value="06"' in html
    assert '<strong aria-current="page">' not in html
    assert "There is a problem" not in html


def test_a_quick_link_shows_its_period_in_the_date_inputs(fixture):
    html = staff(can_see_insight=True).get(DASHBOARD + "?period=7").content.decode()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=6)
    assert '<strong aria-current="page">Last 7 days</strong>' in html
    assert '<a href="?period=30">Last 30 days</a>' in html
    assert f'name="start-day" type="text" inputmode="numeric" value="{start.day}"' in html
    assert f'name="end-year" type="text" inputmode="numeric" value="{today.year}"' in html


NEXT_YEAR = str(timezone.localdate().year + 1)


@pytest.mark.parametrize(
    ("start", "end", "target", "message"),
    [
        (
            ("31", "2", "2026"),
            ("1", "6", "2026"),
            "start-day",
            "The first day of the period must be a real date",
        ),
        (
            ("1", "13", "2026"),
            ("1", "6", "2026"),
            "start-day",
            "The first day of the period must be a real date",
        ),
        (
            ("ab", "6", "2026"),
            ("1", "6", "2026"),
            "start-day",
            "The first day of the period must be a real date",
        ),
        (
            ("1", "6", "2026"),
            ("3", "six", "2026"),
            "end-day",
            "The last day of the period must be a real date",
        ),
        (
            ("1", "", "2026"),
            ("3", "6", "2026"),
            "start-month",
            "The first day of the period must include a month",
        ),
        (
            ("", "", "2026"),
            ("3", "6", "2026"),
            "start-day",
            "The first day of the period must include a day and month",
        ),
        (
            ("1", "6", "26"),
            ("3", "6", "2026"),
            "start-year",
            "The year of the first day of the period must include 4 numbers",
        ),
        (("", "", ""), ("3", "6", "2026"), "start-day", "Enter the first day of the period"),
        (
            ("3", "6", "2026"),
            ("1", "6", "2026"),
            "end-day",
            "The last day of the period must be the same as or after the first day",
        ),
        (
            ("1", "6", "2026"),
            ("1", "1", NEXT_YEAR),
            "end-day",
            "The last day of the period must be today or in the past",
        ),
        (
            ("1", "1", NEXT_YEAR),
            ("2", "1", NEXT_YEAR),
            "start-day",
            "The first day of the period must be today or in the past",
        ),
        (
            ("1", "6", "2019"),
            ("1", "6", "2020"),
            "start-day",
            "The first day of the period must be on or after 1 January 2020",
        ),
        (
            ("1", "1", "2022"),
            ("1", "6", "2026"),
            "end-day",
            "The period must be 731 days or shorter",
        ),
        (
            ("1\x00", "6", "2026"),
            ("3", "6", "2026"),
            "start-day",
            "The first day of the period must be a real date",
        ),
        (
            ("1" * 5000, "6", "2026"),
            ("3", "6", "2026"),
            "start-day",
            "The first day of the period must be a real date",
        ),
    ],
)
def test_bad_dates_get_the_form_back_with_a_gov_uk_error(fixture, start, end, target, message):
    response = staff(can_see_insight=True).get(DASHBOARD + dates(start, end))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert f'<li><a href="#{target}">{message}</a></li>' in html
    assert f'<span class="visually-hidden">Error:</span> {message}</p>' in html
    assert f'id="{target}" name="{target}"' in html
    assert "govuk-form-group--error" in html
    assert "Download these numbers" not in html  # no numbers for a period that is not one


def test_only_the_missing_box_is_marked_in_error(fixture):
    html = (
        staff(can_see_insight=True)
        .get(DASHBOARD + dates(("1", "", "2026"), ("3", "6", "2026")))
        .content.decode()
    )
    assert html.count('aria-invalid="true"') == 1
    assert 'govuk-input--error" id="start-month"' in html


def test_both_dates_wrong_are_both_explained(fixture):
    html = (
        staff(can_see_insight=True)
        .get(DASHBOARD + dates(("", "", ""), ("30", "2", "2026")))
        .content.decode()
    )
    assert '<li><a href="#start-day">Enter the first day of the period</a></li>' in html
    assert '<li><a href="#end-day">The last day of the period must be a real date</a></li>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        # Addresses from before the date inputs, with dates as 2026-06-01.
        ("?period=custom&start=2026-06-03&end=2026-06-01", "must be the same as or after"),
        ("?period=custom&start=not-a-date&end=2026-06-01", "must be a real date"),
        ("?period=365", "Select a valid choice"),
    ],
)
def test_bad_periods_in_older_addresses_are_explained(fixture, query, message):
    response = staff(can_see_insight=True).get(DASHBOARD + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_address_from_before_the_date_inputs_still_works(fixture):
    response = staff(can_see_insight=True).get(DASHBOARD + JUNE_QUERY)
    assert response.status_code == 200
    assert "1 June 2026 to 3 June 2026" in response.content.decode()


def test_a_bad_period_gives_the_csv_link_nothing_to_download(fixture):
    response = staff(can_see_insight=True).get(
        DASHBOARD + "export.csv" + dates(("31", "2", "2026"), ("1", "6", "2026"))
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_csv_export_has_what_is_on_screen_and_cannot_run_formulas(fixture):
    response = staff(can_see_insight=True).get(DASHBOARD + "export.csv" + JUNE_QUERY)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Sign-up insight", "2026-06-01", "2026-06-03"]
    assert ["Alpha", "30", "3", "2", "10.0"] in rows
    assert ["Gamma", "0", "0", "0", ""] in rows
    assert ["Total", "34", "5", "2", "14.7"] in rows
    assert ["Managers", "7", "30", "3", "42.9"] in rows
    assert ["Leaders", "0", "34", "0", ""] in rows
    assert [NO_STAGE, "", "", "2", ""] in rows
    assert ["Programme page views", "34", "485.7"] in rows
    assert ["Home page views", "70", ""] in rows
    assert ["'=cmd()", "1"] in rows
    assert ["2026-06-03", "4", "1"] in rows
    assert ["Home page", "Page", "70"] in rows
    assert ["Alpha", "Programme", "30"] in rows
    # Plan your next step, as on screen: the plans made in June only.
    assert ["Plan your next step: plans made", "2"] in rows
    assert ["To lead a service", "2"] in rows
    assert ["team-manager", "2"] in rows  # no such role here: shown by its address
    assert ["'@hod", "2", "None"] in rows
    assert ["team-manager", "To lead a service", "'@hod", "2"] in rows
    assert ["2026-06-02", "2"] in rows and ["2026-06-03", "0"] in rows
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_dashboard_cannot_be_changed(fixture):
    client = staff(can_see_insight=True)
    assert client.get(DASHBOARD + "add/").status_code == 403


# The daily summaries.


def summaries() -> dict[str, list[tuple]]:
    """Everything the three summary tables hold, without their row ids."""
    return {
        "days": sorted(ClickDaySummary.objects.values_list("date", "visitors")),
        "programmes": sorted(
            ProgrammeDaySummary.objects.values_list("date", "programme__slug", "clicks", "visitors")
        ),
        "routes": sorted(
            ClickRouteSummary.objects.values_list(
                "date", "programme__slug", "stage__slug", "source_path", "clicks"
            ),
            key=str,
        ),
    }


def test_a_summary_holds_the_hand_counted_numbers(june):
    summarise_days(days=JUNE.dates())
    first, second, third = JUNE.dates()
    assert summaries() == {
        "days": [(first, 1), (second, 1), (third, 0)],
        "programmes": [
            (first, "alpha", 2, 1),
            (second, "alpha", 1, 1),  # the bot's click is left out
            (second, "beta", 1, 1),
            (third, "beta", 1, 0),
        ],
        "routes": sorted(
            [
                (first, "alpha", "managers", "/career-stages/managers/", 1),
                (first, "alpha", "managers", "/development-programmes/alpha/", 1),
                (second, "alpha", None, "/development-programmes/alpha/", 1),
                (second, "beta", None, "/explore-roles/team-manager/", 1),
                (third, "beta", "managers", "=cmd()", 1),
            ],
            key=str,
        ),
    }


def test_summarising_again_changes_nothing(june):
    summarise_past_days()
    first = summaries()
    assert summarise_past_days() == []
    summarise_days(days=JUNE.dates())
    assert summaries() == first


def test_every_day_from_the_first_click_to_yesterday_is_summarised(june):
    days = summarise_past_days()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert (days[0], days[-1]) == (datetime.date(2026, 5, 31), yesterday)
    # Days without a click count as done too.
    assert ClickDaySummary.objects.count() == len(days) == (yesterday - days[0]).days + 1


def test_summarising_again_from_a_date_recounts_those_days(june):
    summarise_past_days()
    SignUpClick.objects.filter(created_at__date=datetime.date(2026, 6, 2)).delete()
    days = summarise_past_days(again_from=datetime.date(2026, 6, 2))
    assert days[0] == datetime.date(2026, 6, 2)
    assert [d["clicks"] for d in insight(period=JUNE).days] == [2, 0, 1]


def test_today_cannot_be_summarised_and_its_clicks_always_count(june):
    today = timezone.localdate()
    with pytest.raises(ValueError, match="over"):
        summarise_days(days=[today])
    click(june["alpha"], timezone.now(), key="today")
    summarise_past_days()
    assert not ClickDaySummary.objects.filter(date=today).exists()
    data = insight(period=Period.last(7))
    assert (data.totals["clicks"], data.totals["unique_clickers"]) == (1, 1)
    assert data.days[-1]["clicks"] == 1


def test_a_click_replayed_into_a_summarised_day_is_counted(june, tmp_path):
    summarise_past_days()
    logged = {
        "event": "sign_up_click_not_saved",
        "click_id": "5b0c4b3e-8f5e-4f57-9c39-2f1e3a3f8d11",
        "programme": "alpha",
        "created_at": at(2, 14).isoformat(),
        "source_path": "/",
        "stage": "",
        "visitor_key": "k9",
        "is_bot": False,
    }
    log = tmp_path / "clicks.log"
    logged["signature"] = click_signature(logged)
    log.write_text(f"2026-06-02 14:00:00 ERROR programmes.clicks {json.dumps(logged)}\n")
    call_command("replay_clicks", str(log), stdout=io.StringIO())
    call_command("replay_clicks", str(log), stdout=io.StringIO())
    assert ClickDaySummary.objects.filter(date=datetime.date(2026, 6, 2)).exists()
    data = insight(period=JUNE)
    alpha = data.programmes[0]
    assert (alpha["clicks"], alpha["unique_clickers"]) == (4, 3)
    assert (data.totals["clicks"], data.totals["unique_clickers"]) == (6, 3)


def queries_for(read) -> int:
    with CaptureQueriesContext(connection) as queries:
        read()
    return len(queries)


# The number docs/performance.md gives.
DASHBOARD_QUERIES = 12


def test_the_number_of_queries_does_not_depend_on_the_period(fixture):
    """Both periods hold every view and click, so they name the same kinds of page."""
    counts = [
        queries_for(lambda days=days: insight(period=Period.last(days, today=JUNE.end)))
        for days in (7, MAX_DAYS)
    ]
    # Also the transaction's savepoint and its release, and the titles of the two kinds of
    # thing viewed (programmes and a stage).
    assert counts == [DASHBOARD_QUERIES + 2 + 2] * 2


def test_the_number_of_queries_does_not_depend_on_the_stages_or_programmes(fixture):
    before = queries_for(lambda: insight(period=JUNE))
    for n in range(3):
        stage = make_stage()
        programme = make_programme(stages=[stage, fixture["managers"]])
        click(programme, at(2, 10), key=f"new-{n}", stage=stage, source="/")
        record_page_views(
            date=datetime.date(2026, 6, 2),
            url_name="careers:stage",
            path=stage.get_absolute_url(),
            argument=stage.slug,
        )
    assert queries_for(lambda: insight(period=JUNE)) == before


def test_the_dashboard_page_and_its_csv_make_a_fixed_number_of_queries(fixture):
    """Ten days and two years around the fixture's views and clicks: the same queries."""
    client = staff(can_see_insight=True)
    client.get(DASHBOARD)  # content types are read once, then kept
    periods = [dates(("27", "5", "2026"), ("5", "6", "2026"))]
    periods.append(dates(("6", "6", "2024"), ("5", "6", "2026")))
    for address in (DASHBOARD, DASHBOARD + "export.csv"):
        counts = [queries_for(lambda q=query, a=address: client.get(a + q)) for query in periods]
        assert counts[0] == counts[1], address


@pytest.mark.parametrize("seed", range(4))
def test_summaries_and_clicks_give_the_same_numbers(seed):
    """Made-up clicks, some at the edges of days, read with none, some and all of their days
    summarised: the numbers never change, and match a count made here in Python."""
    rng = random.Random(seed)
    programmes = [make_programme(order=n) for n in range(3)]
    stages = [make_stage(), make_stage(), None]
    days = Period(start=datetime.date(2026, 6, 1), end=datetime.date(2026, 6, 6)).dates()
    made = []
    for _ in range(80):
        day = rng.choice(days)
        moment = datetime.time(rng.choice([0, 9, 23]), rng.choice([0, 30, 59]))
        made.append(
            SignUpClick(
                programme=rng.choice(programmes),
                created_at=datetime.datetime.combine(day, moment, tzinfo=LONDON),
                stage=rng.choice(stages),
                source_path=rng.choice(["/", "/a/", "/b/"]),
                # Keys change every day; a few clicks have none.
                visitor_key=rng.choice(["", *(f"{day}-{n}" for n in range(5))]),
                is_bot=rng.random() < 0.1,
            )
        )
    SignUpClick.objects.bulk_create(made)
    periods = [
        Period(start=datetime.date(2026, 5, 31), end=datetime.date(2026, 6, 7)),
        Period(start=datetime.date(2026, 6, 2), end=datetime.date(2026, 6, 4)),
    ]
    from_clicks = [insight(period=period) for period in periods]

    counted = [c for c in made if not c.is_bot]
    assert from_clicks[0].totals["clicks"] == len(counted)
    assert from_clicks[0].totals["unique_clickers"] == len({c.visitor_key for c in counted} - {""})
    for row in from_clicks[0].programmes:
        mine = [c for c in counted if c.programme.pk == row["pk"]]
        people = {c.visitor_key for c in mine} - {""}
        assert (row["clicks"], row["unique_clickers"]) == (len(mine), len(people))

    for row in from_clicks[0].stages:
        assert row["clicks"] == len([c for c in counted if (c.stage and c.stage.pk) == row["pk"]])

    summarise_days(days=rng.sample(days, 3))
    assert [insight(period=period) for period in periods] == from_clicks
    summarise_days(days=periods[0].dates())
    assert [insight(period=period) for period in periods] == from_clicks


# The commands that fill the summaries.


def test_the_summarise_command_fills_past_days_once(june):
    out = io.StringIO()
    call_command("summarise_insight", stdout=out)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert out.getvalue().startswith("Summarised ")
    assert f"from 2026-05-31 to {yesterday}" in out.getvalue()
    out = io.StringIO()
    call_command("summarise_insight", stdout=out)
    assert "Nothing to summarise" in out.getvalue()
    out = io.StringIO()
    call_command("summarise_insight", "--again-from", "2026-06-03", stdout=out)
    assert "from 2026-06-03 to" in out.getvalue()
    out = io.StringIO()
    call_command("summarise_insight", "--again-from", str(yesterday), stdout=out)
    assert out.getvalue() == f"Summarised 1 day, from {yesterday} to {yesterday}.\n"


def test_the_summarise_command_explains_a_bad_date():
    with pytest.raises(CommandError, match="not a date"):
        call_command("summarise_insight", "--again-from", "3 June")


def test_made_up_data_is_summarised_as_it_is_written():
    make_programme()
    make_stage()
    call_command(
        "generate_insight_data", clicks=300, page_views=40, days=5, clear=True, stdout=io.StringIO()
    )
    period = Period.last(5)
    summarised = insight(period=period)
    assert ClickDaySummary.objects.count() == 4  # today is not over
    assert summarised.totals["clicks"] > 0
    ClickDaySummary.objects.all().delete()
    ProgrammeDaySummary.objects.all().delete()
    ClickRouteSummary.objects.all().delete()
    assert insight(period=period) == summarised
