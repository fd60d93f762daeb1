"""Plan your next step through its pages: the questions, check your answers, the plan, its
calendar file and its counts, as a visitor's browser asks for them."""

import datetime
import re
import runpy
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from careers.models import CareerPath, PlanCount, Requirement
from careers.plan import next_cpd_deadline
from programmes.lifecycle import Lifecycle
from tests.careers.factories import make_area, make_programme, make_role
from tests.conftest import ProxiedClient

ROOT = Path(__file__).resolve().parents[2]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
START = "/plan-your-next-step/"
CHECK = "/plan-your-next-step/check-your-answers/"
PLAN = "/plan-your-next-step/your-plan/"
CALENDAR = "/plan-your-next-step/your-plan/calendar.ics"
ANSWERS = "role=social-worker&years=3-5&aim=manage&la=yes"

pytestmark = pytest.mark.django_db


def visitor() -> Client:
    return Client(HTTP_USER_AGENT=BROWSER)


def html(response) -> str:
    return response.content.decode()


def back_link(page: str) -> str:
    return re.search(r'href="([^"]*)" class="govuk-back-link"', page).group(1).replace("&amp;", "&")


def hrefs(page: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]*)"', page)]


@pytest.fixture
def small_site():
    """A social worker who could move to a team manager (with no published pay), a practice
    supervisor, or a senior practitioner; programmes running and ended."""
    manager = make_role(
        slug="team-manager", title="Team manager", path=CareerPath.MANAGEMENT,
        salary_from=None, salary_to=None,
    )  # fmt: skip
    supervisor = make_role(
        slug="practice-supervisor", title="Practice supervisor", path=CareerPath.SUPERVISION,
        salary_from=40000, salary_to=52000, next_roles=[manager],
    )  # fmt: skip
    senior = make_role(slug="senior-practitioner", title="Senior practitioner")
    current = make_role(
        slug="social-worker", title="Social worker", salary_from=34000, salary_to=45000,
        next_roles=[supervisor, senior],
    )  # fmt: skip
    make_area(slug="fostering", name="Fostering", related_roles=[supervisor])
    Requirement.objects.create(
        role=manager, statement="Lead a team through a hard case", how_to_show="feedback\nnotes"
    )
    Requirement.objects.create(role=supervisor, statement="Run group supervision")
    make_programme(name="Leadership modules", slug="modules", roles=[manager, supervisor])
    make_programme(
        name="Old pathway", roles=[manager], lifecycle=Lifecycle.ENDED,
        ended_on=datetime.date(2024, 7, 31),
    )  # fmt: skip
    return {"current": current, "manager": manager, "supervisor": supervisor}


# The questions ---------------------------------------------------------------------------


def test_the_start_page_says_what_the_plan_holds_and_starts_the_questions(small_site):
    page = html(visitor().get(START))
    assert "Plan your next step" in page
    assert "You do not need an account" in page
    assert "/plan-your-next-step/current-role/" in hrefs(page)


def test_a_visitor_answers_each_question_in_turn_and_checks_the_answers(small_site):
    client = visitor()
    steps = [
        ("current-role", "role=social-worker", "time-since-qualifying"),
        ("time-since-qualifying", "years=3-5", "what-you-want-next"),
        ("what-you-want-next", "aim=manage", "areas-of-practice"),
        ("areas-of-practice", "area=fostering", "employer"),
        ("employer", "la=yes", "check-your-answers"),
    ]
    query = ""
    for slug, answer, following in steps:
        form = client.get(f"{START}{slug}/?{query}")
        assert form.status_code == 200
        assert 'method="get"' in html(form)
        query = f"{query}&{answer}" if query else answer
        response = client.get(f"{START}{slug}/?{query}&continue=yes")
        assert response.status_code == 302
        assert response["Location"].startswith(f"{START}{following}/?")
    check = client.get(response["Location"])
    page = html(check)
    assert check.status_code == 200
    for text in ["Social worker", "3 to 5 years", "To manage a team", "Fostering"]:
        assert text in page
    plan_link = next(h for h in hrefs(page) if h.startswith(PLAN))
    assert "role=social-worker" in plan_link and "area=fostering" in plan_link
    assert client.get(plan_link).status_code == 200


def test_an_unanswered_question_shows_the_govuk_error(small_site):
    response = visitor().get(f"{START}what-you-want-next/?role=social-worker&continue=yes")
    page = html(response)
    assert response.status_code == 400
    assert re.search(r"<title>\s*Error: What do you want to do next\?", page)
    assert "govuk-error-summary" in page and 'href="#aim"' in page
    assert 'class="govuk-error-message"' in page
    assert "Select what you want to do next" in page
    # The answers given so far are kept for the next try.
    assert 'name="role" value="social-worker"' in page


def test_the_areas_of_practice_can_be_left_empty(small_site):
    response = visitor().get(f"{START}areas-of-practice/?{ANSWERS}&continue=yes")
    assert response.status_code == 302
    assert "(optional)" in html(visitor().get(f"{START}areas-of-practice/"))


def test_back_links_keep_the_answers(small_site):
    page = html(visitor().get(f"{START}what-you-want-next/?role=social-worker&years=3-5"))
    back = back_link(page)
    assert back == f"{START}time-since-qualifying/?role=social-worker&years=3-5"
    earlier = html(visitor().get(back))
    assert re.search(r'value="3-5"\s+checked', earlier)
    first = html(visitor().get(f"{START}current-role/?role=social-worker"))
    assert back_link(first) == START


def test_changing_an_answer_from_check_your_answers_returns_there(small_site):
    page = html(visitor().get(f"{CHECK}?{ANSWERS}"))
    change = next(h for h in hrefs(page) if "what-you-want-next" in h)
    assert "check=yes" in change
    form = html(visitor().get(change))
    assert back_link(form).startswith(CHECK + "?role=social-worker")
    assert 'name="check" value="yes"' in form
    changed = visitor().get(
        f"{START}what-you-want-next/?role=social-worker&years=3-5&la=yes&check=yes"
        "&aim=supervise&continue=yes"
    )
    assert changed.status_code == 302
    assert changed["Location"] == f"{CHECK}?role=social-worker&years=3-5&aim=supervise&la=yes"


def test_check_your_answers_sends_a_visitor_to_the_first_question_not_answered(small_site):
    response = visitor().get(f"{CHECK}?role=social-worker&aim=lead")
    assert response.status_code == 302
    assert response["Location"] == f"{START}time-since-qualifying/?role=social-worker&aim=lead"


def test_an_unknown_question_is_not_found(small_site):
    assert visitor().get(f"{START}favourite-colour/").status_code == 404


# The plan --------------------------------------------------------------------------------


def test_the_plan_names_the_roles_what_each_needs_and_what_to_do_this_month(small_site):
    response = visitor().get(f"{PLAN}?{ANSWERS}")
    page = html(response)
    assert response.status_code == 200
    assert "Practice supervisor" in page and "Team manager" in page
    assert page.index("Team manager</a></h3>") < page.index("Practice supervisor</a></h3>")
    # Pay, or plainly none.
    assert "£40,000 to £52,000" in page
    assert "£6,000 more at the start of the typical range, £7,000 more at the top" in page
    assert "Not published: we have no reliable pay figure for this role" in page
    # What to show, as boxes to tick.
    manager_need = Requirement.objects.get(statement__startswith="Lead a team")
    assert f'name="done" type="checkbox" value="{manager_need.pk}"' in page
    assert "You could show it with: feedback; notes." in page
    # Programmes with their true status; ended ones never.
    assert "Leadership modules" in page and "Start at any time" in page
    assert "Old pathway" not in page
    deadline = next_cpd_deadline(timezone.localdate())
    assert f"before {deadline.day} {deadline:%B %Y}" in page
    assert "supervision" in page


def test_the_plan_page_sets_no_cookie_and_needs_no_token(small_site):
    for path in [START, f"{START}current-role/", f"{CHECK}?{ANSWERS}", f"{PLAN}?{ANSWERS}"]:
        response = visitor().get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response, path
        assert not response.cookies, path
        assert "csrfmiddlewaretoken" not in html(response), path


def test_the_answers_go_no_further_than_the_plans_address(small_site):
    response = visitor().get(f"{PLAN}?{ANSWERS}")
    assert response["Referrer-Policy"] == "strict-origin"
    # gunicorn's access log keeps the path, not the query string or the page before.
    log_format = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["access_log_format"]
    assert "%(U)s" in log_format
    assert not {"%(r)s", "%(q)s", "%(f)s"} & set(re.findall(r"%\([a-z]+\)s", log_format))


def test_ticks_are_saved_in_the_address(small_site):
    need = Requirement.objects.get(statement="Run group supervision")
    response = visitor().get(f"{PLAN}?{ANSWERS}&done={need.pk}&done=99999&done=x%00&saved=yes")
    page = html(response)
    assert response.status_code == 200
    assert re.search(rf'value="{need.pk}" checked', page)
    assert "Your progress is saved in the address of this page" in page
    # The address shown to copy holds the ticks this plan knows, and nothing else.
    assert f"{PLAN}?{ANSWERS}&done={need.pk}&saved=yes" in page.replace("&amp;", "&")
    assert "done=99999" not in re.search(
        r'class="govuk-body app-plan-address">(.*?)</p>', page
    ).group(1)


def test_the_save_form_reloads_the_same_plan_with_the_ticks(small_site):
    page = html(visitor().get(f"{PLAN}?{ANSWERS}"))
    form = re.search(
        r'<form method="get" action="/plan-your-next-step/your-plan/"(.*?)</form>', page, re.S
    )
    assert form is not None
    hidden = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]+)"', form.group(1)))
    assert hidden == {
        "role": "social-worker",
        "years": "3-5",
        "aim": "manage",
        "la": "yes",
        "saved": "yes",
    }
    assert "Save my progress" in form.group(1)


def test_not_sure_yet_compares_the_paths(small_site):
    page = html(visitor().get(f"{PLAN}?role=social-worker&years=3-5&aim=unsure&la=no"))
    assert "Compare the paths" in page
    assert "/explore-roles/compare/?role=social-worker&role=" in page.replace("&amp;", "&")
    assert "Some programmes are only for people a local authority employs" in page


@pytest.mark.parametrize(
    "query",
    [
        "",
        "role=social-worker",
        "role=nobody&years=3-5&aim=manage&la=yes",
        "role=social-worker&years=3-5&aim=world-domination&la=yes",
        "role=social-worker%00&years=3-5&aim=manage&la=yes",
        "role=team-manager&years=3-5&aim=manage&la=yes",  # no next step from there
    ],
)
def test_a_plan_address_with_missing_or_unknown_answers_says_what_to_answer(small_site, query):
    response = visitor().get(f"{PLAN}?{query}")
    page = html(response)
    assert response.status_code == 400
    assert "<title>Error:" in page.replace("\n", "").replace("  ", "")
    assert "There is a problem" in page
    assert any(h.startswith(START) for h in hrefs(page))
    assert not PlanCount.objects.exists()


def test_the_calendar_file_holds_the_plans_dates(small_site):
    modules = small_site["manager"].programmes.get(slug="modules")
    today = timezone.localdate()
    modules.windows.create(
        opens_on=today + datetime.timedelta(10), closes_on=today + datetime.timedelta(40)
    )
    response = visitor().get(f"{CALENDAR}?{ANSWERS}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="plan-your-next-step.ics"'
    events = Calendar.from_ical(response.content).walk("VEVENT")
    summaries = sorted(str(event["summary"]) for event in events)
    assert summaries == [
        "Applications open: Leadership modules",
        "Last day to apply: Leadership modules",
        "Record your CPD with Social Work England by today",
    ]
    uids = {str(event["uid"]) for event in events}
    again = Calendar.from_ical(visitor().get(f"{CALENDAR}?{ANSWERS}").content).walk("VEVENT")
    assert {str(event["uid"]) for event in again} == uids
    assert visitor().get(f"{CALENDAR}?role=nobody").status_code == 400


def test_the_plan_page_runs_the_same_queries_however_many_roles_it_suggests(
    small_site, django_assert_num_queries
):
    targets = [make_role() for _ in range(6)]
    few = make_role(slug="few", next_roles=targets[4:])
    for target in targets:
        make_programme(roles=[target]).windows.create(
            opens_on=datetime.date(2027, 1, 1), closes_on=datetime.date(2027, 2, 1)
        )
        Requirement.objects.create(role=target, statement="Show it")
    many = make_role(slug="many", next_roles=targets[:4])
    counts = []
    for current in (few, many):
        with CaptureQueriesContext(connection) as queries:
            response = visitor().get(f"{PLAN}?role={current.slug}&years=3-5&aim=specialise&la=yes")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[1]):
        visitor().get(f"{PLAN}?role=many&years=over-5&aim=lead&la=no")


# Counting --------------------------------------------------------------------------------


def test_each_view_of_a_complete_plan_is_counted_once(small_site):
    client = visitor()
    client.get(f"{PLAN}?{ANSWERS}")
    client.get(f"{PLAN}?{ANSWERS}")
    client.get(f"{PLAN}?{ANSWERS}&done=1&saved=yes")  # saving ticks
    Client(HTTP_USER_AGENT="Googlebot/2.1").get(f"{PLAN}?{ANSWERS}")
    client.get(f"{CHECK}?{ANSWERS}")
    count = PlanCount.objects.get()
    assert (count.day, count.role, count.aim, count.count) == (
        timezone.localdate(),
        "social-worker",
        "manage",
        2,
    )
    assert count.suggested == "team-manager,practice-supervisor"


def test_the_dashboard_shows_what_people_aim_for(small_site):
    for aim in ["manage", "manage", "supervise"]:
        visitor().get(f"{PLAN}?role=social-worker&years=3-5&aim={aim}&la=yes")
    user = get_user_model().objects.create_user("dfe", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_signup_insight"))
    client = Client()
    client.force_login(user)
    page = html(client.get("/admin/insight/signupinsight/"))
    assert "3 plans in this period." in page
    assert '<tr><th scope="row">To manage a team</th><td>2</td></tr>' in page
    assert '<tr><th scope="row">To supervise other social workers</th><td>1</td></tr>' in page
    assert re.search(
        r"<th scope=\"row\">Team manager</th><td>3</td><td>Leadership modules</td>", page
    )
    assert "Plans made per day" in page


# The site as deployed --------------------------------------------------------------------


@pytest.fixture
def deployed(production, small_site):
    return ProxiedClient(HTTP_USER_AGENT=BROWSER)


def test_plans_are_counted_with_the_page_cache_on(deployed):
    for _ in range(3):
        response = deployed.get(f"{PLAN}?{ANSWERS}")
        assert response.status_code == 200
        assert "Set-Cookie" not in response
    assert PlanCount.objects.get().count == 3


@pytest.mark.parametrize(
    "query",
    [
        "role=%00&years=%00&aim=%00&la=%00&area=%00&done=%00",
        "role=" + "x" * 20000 + "&years=3-5&aim=lead&la=yes",
        "&".join(["area=fostering"] * 500) + "&" + ANSWERS,
        "&".join(f"done={n}" for n in range(900)) + "&" + ANSWERS,
        "&".join(["area=a"] * 1200) + "&" + ANSWERS,  # more fields than Django reads
        "role=social-worker&role=team-manager&years=3-5&years=over-5&aim=lead&aim=x&la=yes",
        "role=%F0%9F%98%80&years=3-5&aim=lead&la=yes",
        "role[]=social-worker&years=3-5&aim=lead&la=yes",
        "aim=supervise&continue=yes&check=yes&check=yes",
    ],
)
@pytest.mark.parametrize("path", [PLAN, CALENDAR, CHECK, f"{START}what-you-want-next/"])
def test_bad_input_gets_an_error_page_or_the_nearest_plan_never_a_500(deployed, path, query):
    response = deployed.get(f"{path}?{query}")
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 400:
        assert "There is a problem" in html(response) or "Sorry" in html(response)


def test_home_stage_and_role_pages_point_to_the_plan(small_site):
    assert START in hrefs(html(visitor().get("/")))
    stage = small_site["current"].stage
    assert START in hrefs(html(visitor().get(stage.get_absolute_url())))
    # From a role people can move on from, the first question opens with it chosen.
    role_page = html(visitor().get("/explore-roles/social-worker/"))
    assert f"{START}current-role/?role=social-worker" in hrefs(role_page)
    top_page = html(visitor().get("/explore-roles/team-manager/"))
    assert START in hrefs(top_page)
    first = html(visitor().get(f"{START}current-role/?role=social-worker"))
    assert re.search(r'value="social-worker"\s+checked', first)
    assert "/plan-your-next-step/" in html(visitor().get("/sitemap.xml"))
