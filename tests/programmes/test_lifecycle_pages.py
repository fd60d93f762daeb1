"""What the public sees of a programme's lifecycle: ended programmes keep their page but
invite no one, upcoming ones say when they start, and only programmes people can apply for
today get a call to action, a counted sign-up and a place under "open now"."""

import datetime
import threading
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from programmes.lifecycle import HowToJoin, Lifecycle
from programmes.models import SignUpClick
from tests.programmes.factories import make_programme, make_role, make_stage

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
LIST = "/development-programmes/"


@pytest.fixture
def browser():
    return Client(HTTP_USER_AGENT=BROWSER)


def ended_programme(**fields):
    replacement = make_programme(name="Free leadership modules", slug="modules")
    defaults = {
        "name": "Old leadership programme",
        "slug": "old-programme",
        "lifecycle": Lifecycle.ENDED,
        "ended_on": datetime.date(2024, 7, 31),
        "replaced_by": replacement,
        "what_to_do_instead": "Use the free online modules instead.",
        "sign_up_url": "https://provider.example/old-apply/",
        "cta_text": "Apply on the provider's website",
    }
    return make_programme(**{**defaults, **fields})


def page(client, programme) -> str:
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_an_ended_programme_keeps_its_page_and_says_what_to_do_instead(browser):
    html = page(browser, ended_programme())
    assert "Ended in July 2024" in html
    assert "This programme has ended. Use the free online modules instead." in html
    assert 'href="/development-programmes/modules/">Free leadership modules</a>' in html
    # No call to action of any kind.
    assert "/sign-up/" not in html
    assert "old-apply" not in html
    assert "This opens the provider&#39;s website" not in html
    assert "Apply on the provider" not in html


@pytest.mark.django_db
def test_an_ended_programmes_sign_up_address_goes_to_its_page_and_counts_nothing(browser):
    programme = ended_programme()
    response = browser.get(f"/development-programmes/{programme.slug}/sign-up/?stage=x")
    assert response.status_code == 302
    assert response["Location"] == "/development-programmes/old-programme/"
    assert SignUpClick.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_an_ended_programme_never_sends_anyone_off_the_site_under_concurrent_clicks(
    live_server, production
):
    ended_programme()
    clicks = 16
    start = threading.Barrier(clicks)
    locations: list[str] = []

    class NoFollow(HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = build_opener(NoFollow)

    def click(number: int) -> None:
        request = Request(
            f"{live_server.url}/development-programmes/old-programme/sign-up/",
            # Through the load balancer, as production runs.
            headers={
                "User-Agent": f"{BROWSER} {number}",
                "X-Forwarded-For": f"198.51.100.{number}",
                "X-Forwarded-Proto": "https",
            },
        )
        start.wait(timeout=10)
        try:
            opener.open(request, timeout=10)
        except Exception as error:  # urllib raises for a 302 it was told not to follow
            locations.append(error.headers["Location"])

    threads = [threading.Thread(target=click, args=(n,)) for n in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    connections.close_all()
    assert locations == ["/development-programmes/old-programme/"] * clicks
    assert SignUpClick.objects.count() == 0


@pytest.mark.django_db
def test_an_upcoming_programme_says_when_it_starts_and_invites_no_application(browser):
    programme = make_programme(
        name="Early career programme",
        lifecycle=Lifecycle.UPCOMING,
        starts_on=datetime.date(2027, 9, 1),
        how_to_join=HowToJoin.EMPLOYER_REGISTERS,
        sign_up_url="",
        cta_text="",
    )
    html = page(browser, programme)
    assert "Starts September 2027" in html
    # How people will join, when the status does not already say it.
    assert "How you join" in html and "Your employer registers you" in html
    assert "/sign-up/" not in html
    response = browser.get(f"/development-programmes/{programme.slug}/sign-up/")
    assert response["Location"] == programme.get_absolute_url()
    assert SignUpClick.objects.count() == 0


@pytest.mark.django_db
def test_a_programme_your_employer_registers_you_for_has_no_apply_button(browser):
    programme = make_programme(how_to_join=HowToJoin.EMPLOYER_REGISTERS)
    html = page(browser, programme)
    assert "Your employer registers you" in html
    assert "/sign-up/" not in html


@pytest.mark.django_db
def test_a_paused_programme_says_so_and_invites_no_one(browser):
    programme = make_programme(
        lifecycle=Lifecycle.PAUSED, what_to_do_instead="Ask your director about other support."
    )
    html = page(browser, programme)
    assert "Not taking applications" in html
    assert "This programme is not taking anyone at the moment." in html
    assert "/sign-up/" not in html


@pytest.mark.django_db
def test_a_programme_open_today_has_one_counted_call_to_action(browser):
    programme = make_programme(slug="open-one")
    today = timezone.localdate()
    programme.windows.create(opens_on=today, closes_on=today + datetime.timedelta(days=30))
    html = page(browser, programme)
    assert "Applications open until" in html
    assert html.count('href="/development-programmes/open-one/sign-up/"') == 1
    response = browser.get("/development-programmes/open-one/sign-up/")
    assert response["Location"].startswith("https://provider.example/apply/")
    assert SignUpClick.objects.count() == 1


@pytest.mark.django_db
def test_a_closed_window_takes_the_call_to_action_away(browser):
    programme = make_programme(slug="closed-one")
    today = timezone.localdate()
    programme.windows.create(
        opens_on=today - datetime.timedelta(days=30), closes_on=today - datetime.timedelta(days=1)
    )
    html = page(browser, programme)
    assert "Applications closed" in html and "/sign-up/" not in html
    assert browser.get("/development-programmes/closed-one/sign-up/")["Location"] == (
        "/development-programmes/closed-one/"
    )
    assert SignUpClick.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("utc_time", "open_today"),
    [
        # 23:30 on 30 June in London (British Summer Time): the window's last day.
        ("2027-06-30T22:30:00+00:00", True),
        # 00:30 on 1 July in London, still 30 June in UTC: closed.
        ("2027-06-30T23:30:00+00:00", False),
    ],
)
def test_the_day_is_the_day_in_london(browser, monkeypatch, utc_time, open_today):
    programme = make_programme(slug="london")
    programme.windows.create(
        opens_on=datetime.date(2027, 6, 1), closes_on=datetime.date(2027, 6, 30)
    )
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime.fromisoformat(utc_time))
    html = page(browser, programme)
    assert ("Applications open until 30 June 2027" in html) is open_today
    assert ("Applications closed" in html) is not open_today
    location = browser.get("/development-programmes/london/sign-up/")["Location"]
    assert location.startswith("https://provider.example/") is open_today


def list_names(client, **query) -> list[str]:
    import re

    html = client.get(LIST, query).content.decode()
    return re.findall(
        r'<h3 class="govuk-heading-m[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', html
    )


@pytest.mark.django_db
def test_ended_programmes_leave_the_list_unless_asked_for(browser):
    ended_programme()
    assert list_names(browser) == ["Free leadership modules"]
    html = browser.get(LIST, {"ended": "yes"}).content.decode()
    assert list_names(browser, ended="yes") == [
        "Free leadership modules",
        "Old leadership programme",
    ]
    # Listed last, under their own heading, marked as ended.
    assert html.index("Programmes that have ended</h2>") < html.index("Old leadership programme")
    assert "Ended in July 2024" in html


@pytest.mark.django_db
def test_open_now_lists_only_what_people_can_apply_for_today(browser):
    today = timezone.localdate()
    make_programme(name="Any time")
    make_programme(name="Through your employer", how_to_join=HowToJoin.EMPLOYER_REGISTERS)
    make_programme(name="Paused", lifecycle=Lifecycle.PAUSED)
    make_programme(
        name="Upcoming", lifecycle=Lifecycle.UPCOMING, starts_on=today.replace(year=today.year + 1)
    )
    make_programme(name="Window open").windows.create(opens_on=today, closes_on=today)
    make_programme(name="Window to come").windows.create(
        opens_on=today + datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9)
    )
    ended_programme(name="Ended")
    assert sorted(list_names(browser, open="yes")) == [
        "Any time",
        "Free leadership modules",
        "Window open",
    ]
    assert "Ended" not in list_names(browser, open="yes", ended="yes")


@pytest.mark.django_db
def test_stage_pages_leave_out_ended_programmes_and_show_each_status(browser):
    stage = make_stage(slug="managers", name="Managers")
    make_programme(
        name="Current programme", stages=[stage], how_to_join=HowToJoin.EMPLOYER_REGISTERS
    )
    ended_programme(stages=[stage])
    html = browser.get("/career-stages/managers/").content.decode()
    assert "Current programme" in html and "Your employer registers you" in html
    assert "Old leadership programme" not in html


@pytest.mark.django_db
def test_a_stage_with_no_current_programme_says_so_and_points_to_what_exists(browser):
    stage = make_stage(slug="leaders", name="Leaders")
    ended_programme(stages=[stage])
    html = browser.get("/career-stages/leaders/").content.decode()
    assert "does not fund a development programme for leaders at the moment" in html
    assert "Pathways social work leadership modules" in html
    assert "knowledge-and-skills-statements-for-child-and-family-social-work" in html
    assert "Old leadership programme" not in html


@pytest.mark.django_db
def test_role_pages_and_comparisons_leave_out_ended_programmes(browser):
    role = make_role(slug="team-lead", title="Team lead")
    other = make_role(slug="other-role")
    make_programme(name="Current programme", roles=[role, other])
    ended_programme(roles=[role, other])
    role_page = browser.get("/explore-roles/team-lead/").content.decode()
    compare = browser.get("/explore-roles/compare/?role=team-lead&role=other-role").content.decode()
    for html in (role_page, compare):
        assert "Current programme" in html
        assert "Old leadership programme" not in html


@pytest.mark.django_db
def test_search_still_finds_an_ended_programme_and_marks_it_as_ended(browser):
    ended_programme()
    html = browser.get("/search", {"q": "old leadership programme"}).content.decode()
    assert "/development-programmes/old-programme/" in html
    assert "Ended in July 2024." in html
