"""The rules of "Plan your next step": which roles are suggested, what a plan holds, how
answers are read from an address, and how plans are counted."""

import datetime

import pytest
from django.http import QueryDict
from icalendar import Calendar

from careers import plan, plan_calendar, plan_counts, plan_flow
from careers.models import CareerPath, PlanCount, Requirement, Role
from programmes.lifecycle import Lifecycle
from tests.careers.factories import make_area, make_programme, make_role

TODAY = datetime.date(2026, 12, 1)
AIMS = [aim.value for aim in plan.AIMS]
YEARS = [value for value, _ in plan.YEARS]


def bundled_roles() -> list[Role]:
    return plan.map_roles()


def role(slug: str) -> Role:
    return next(r for r in bundled_roles() if r.slug == slug)


def suggested(slug: str, *, aim: str, years: str = "3-5", areas=()) -> list[str]:
    roles = bundled_roles()
    picked = plan.suggest(current=role(slug), roles=roles, aim=aim, years=years, areas=areas)
    return [r.slug for r in picked]


# Suggestions from the bundled career map ------------------------------------------------


def test_every_bundled_role_with_a_next_step_is_offered_and_the_top_role_is_not(site_content):
    offered = {choice.value for choice in plan_flow.BY_SLUG["current-role"].choices()}
    every_role = {r.slug for r in Role.objects.all()}
    assert offered == every_role - {"director-children-services"}


def test_every_current_role_gets_2_to_4_different_next_roles_for_every_answer(site_content):
    roles = bundled_roles()
    answers = [(aim, years) for aim in AIMS for years in YEARS]
    for current, (aim, years) in (
        (r, answer) for r in roles if plan.can_plan_from(r) for answer in answers
    ):
        picked = plan.suggest(current=current, roles=roles, aim=aim, years=years)
        reachable = {r.slug for r, _ in plan.reachable(current, roles)}
        slugs = [r.slug for r in picked]
        assert len(slugs) == len(set(slugs)), current.slug
        assert current.slug not in slugs
        assert set(slugs) <= reachable, current.slug
        assert len(slugs) <= plan.MAX_SUGGESTIONS
        # Fewer than 2 only where the map holds fewer after this role.
        assert len(slugs) >= min(plan.MIN_SUGGESTIONS, len(reachable)) >= 1, current.slug


def test_each_aim_puts_the_roles_on_its_paths_first(site_content):
    assert suggested("social-worker", aim="specialise")[:2] == [
        "senior-practitioner",
        "lead-child-protection-practitioner",
    ]
    assert suggested("social-worker", aim="supervise")[0] == "practice-supervisor"
    assert suggested("social-worker", aim="manage")[0] == "team-manager"
    assert suggested("social-worker", aim="lead")[0] == "principal-social-worker"
    assert suggested("team-manager", aim="lead") == [
        "principal-social-worker",
        "head-of-service",
        "assistant-director",
        "director-children-services",
    ]


def test_suggestions_for_an_aim_are_on_its_paths_where_the_map_allows(site_content):
    for aim in plan.AIMS:
        if aim.value == plan.UNSURE:
            continue
        picked = plan.suggest(
            current=role("senior-practitioner"), roles=bundled_roles(), aim=aim.value, years="3-5"
        )
        assert picked[0].path == aim.paths[0], aim.value


def test_not_sure_compares_the_nearest_role_on_each_path(site_content):
    picked = plan.suggest(
        current=role("social-worker"), roles=bundled_roles(), aim=plan.UNSURE, years="3-5"
    )
    assert [r.path for r in picked] == [
        CareerPath.PRACTICE,
        CareerPath.SUPERVISION,
        CareerPath.MANAGEMENT,
        CareerPath.LEADERSHIP,
    ]
    assert [r.slug for r in picked] == [
        "senior-practitioner",
        "practice-supervisor",
        "team-manager",
        "principal-social-worker",
    ]


def test_early_in_a_career_the_nearest_roles_come_first(site_content):
    # Managing: the team manager role is the best fit but two moves away.
    assert suggested("social-worker", aim="manage", years="3-5")[0] == "team-manager"
    assert suggested("social-worker", aim="manage", years="1-2")[0] == "practice-supervisor"
    assert suggested("social-worker", aim="manage", years="under-1")[0] == "practice-supervisor"


def test_a_newly_qualified_social_worker_is_pointed_to_the_social_worker_role_first(
    site_content,
):
    for aim in AIMS:
        for years in ("under-1", "1-2"):
            assert suggested("newly-qualified-social-worker", aim=aim, years=years)[0] == (
                "social-worker"
            )


@pytest.mark.django_db
def test_roles_in_the_chosen_areas_of_practice_come_first():
    first = make_role(path=CareerPath.PRACTICE)
    second = make_role(path=CareerPath.PRACTICE)
    current = make_role(next_roles=[first, second])
    make_area(slug="fostering", related_roles=[second])
    roles = plan.map_roles()
    me = next(r for r in roles if r.pk == current.pk)
    plain = plan.suggest(current=me, roles=roles, aim="specialise", years="over-5")
    chosen = plan.suggest(
        current=me, roles=roles, aim="specialise", years="over-5", areas=["fostering"]
    )
    assert [r.pk for r in plain] == [first.pk, second.pk]
    assert [r.pk for r in chosen] == [second.pk, first.pk]


@pytest.mark.django_db
def test_too_few_roles_on_the_path_are_made_up_with_the_nearest_others():
    far = make_role(path=CareerPath.LEADERSHIP)
    near = make_role(path=CareerPath.PRACTICE, next_roles=[far])
    other = make_role(path=CareerPath.PRACTICE)
    current = make_role(next_roles=[near, other])
    roles = plan.map_roles()
    me = next(r for r in roles if r.pk == current.pk)
    picked = plan.suggest(current=me, roles=roles, aim="lead", years="3-5")
    assert [r.pk for r in picked] == [far.pk, near.pk]


@pytest.mark.django_db
def test_roles_more_than_three_moves_away_are_not_next_steps():
    fourth = make_role(path=CareerPath.LEADERSHIP)
    third = make_role(next_roles=[fourth])
    second = make_role(next_roles=[third])
    first = make_role(next_roles=[second])
    current = make_role(next_roles=[first])
    roles = plan.map_roles()
    me = next(r for r in roles if r.pk == current.pk)
    assert [r.pk for r, _ in plan.reachable(me, roles)] == [first.pk, second.pk, third.pk]


# What a plan holds -----------------------------------------------------------------------


@pytest.mark.django_db
def test_ended_programmes_are_never_in_a_plan():
    target = make_role(path=CareerPath.MANAGEMENT, salary_from=None, salary_to=None)
    current = make_role(next_roles=[target])
    make_programme(name="Still running", roles=[target])
    make_programme(
        name="Over",
        roles=[target],
        lifecycle=Lifecycle.ENDED,
        ended_on=TODAY - datetime.timedelta(1),
    )
    made = plan.build_plan(
        role=current.slug, years="3-5", aim="manage", employer="yes", areas=[], today=TODAY
    )
    names = [entry.programme.name for s in made.suggestions for entry in s.programmes]
    assert names == ["Still running"]
    assert made.suggestions[0].step.salary_change.startswith("Not known")


def test_no_bundled_plan_holds_an_ended_programme(site_content):
    for current in (r for r in bundled_roles() if plan.can_plan_from(r)):
        for aim in AIMS:
            made = plan.build_plan(
                role=current.slug, years="3-5", aim=aim, employer="yes", areas=[], today=TODAY
            )
            for suggestion in made.suggestions:
                assert all(not entry.status.has_ended for entry in suggestion.programmes)


@pytest.mark.django_db
def test_a_plan_lists_what_each_role_needs_in_order():
    target = make_role()
    current = make_role(next_roles=[target])
    Requirement.objects.create(role=target, statement="Second", order=2)
    Requirement.objects.create(role=target, statement="First", order=1, how_to_show="a\nb")
    made = plan.build_plan(
        role=current.slug, years="3-5", aim="specialise", employer="yes", areas=[], today=TODAY
    )
    needs = made.suggestions[0].requirements
    assert [r.statement for r in needs] == ["First", "Second"]
    assert needs[0].how_to_show == ["a", "b"]
    assert made.requirement_ids == {r.pk for r in needs}


@pytest.mark.django_db
def test_a_role_with_no_next_step_has_no_plan():
    top = make_role()
    assert (
        plan.build_plan(
            role=top.slug, years="3-5", aim="lead", employer="yes", areas=[], today=TODAY
        )
        is None
    )


@pytest.mark.parametrize(
    ("today", "deadline"),
    [
        (datetime.date(2026, 12, 1), datetime.date(2027, 11, 30)),
        (datetime.date(2026, 11, 30), datetime.date(2026, 11, 30)),
        (datetime.date(2027, 1, 1), datetime.date(2027, 11, 30)),
        (datetime.date(2027, 9, 1), datetime.date(2027, 11, 30)),
    ],
)
def test_the_cpd_deadline_is_the_next_30_november(today, deadline):
    assert plan.next_cpd_deadline(today) == deadline


# Reading answers from the address --------------------------------------------------------


def read(query: str) -> plan_flow.Answers:
    return plan_flow.read_answers(QueryDict(query))


@pytest.mark.django_db
def test_answers_are_read_from_the_address_and_written_back_the_same():
    target = make_role()
    make_role(slug="social-worker", next_roles=[target])
    make_area(slug="fostering")
    make_area(slug="adoption")
    query = "role=social-worker&years=3-5&aim=supervise&area=fostering&area=adoption&la=yes"
    answers = read(query)
    assert answers.complete
    # Areas come back in the site's order, whatever order the address had.
    assert answers.query() == (
        "role=social-worker&years=3-5&aim=supervise&area=fostering&area=adoption&la=yes"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "years=3-5&aim=lead&la=yes",  # missing
        "role=nobody&years=3-5&aim=lead&la=yes",  # unknown
        "role=social-worker%00&years=3-5&aim=lead&la=yes",  # a NUL byte
        "role=" + "a" * 5000 + "&years=3-5&aim=lead&la=yes",  # very long
        "role=&role=social-worker&years=3-5&aim=lead&la=yes",  # repeated: the first counts
    ],
)
def test_a_bad_role_is_an_unanswered_question(query):
    make_role(slug="social-worker", next_roles=[make_role()])
    answers = read(query)
    assert not answers.complete
    assert [p.question.name for p in answers.problems] == ["role"]
    assert answers.problems[0].error == "Select your current role"
    # The answers that are valid are kept.
    assert answers.query() == "years=3-5&aim=lead&la=yes"


@pytest.mark.django_db
def test_unknown_and_repeated_areas_are_dropped_and_areas_are_optional():
    make_area(slug="fostering")
    answers = read("area=fostering&area=fostering&area=nowhere&area=%00")
    assert answers.readings["area"].answered
    assert answers.value("area") == ("fostering",)
    assert read("").readings["area"].answered


@pytest.mark.parametrize("aim", ["", "rule-the-world", "lead%00", "LEAD"])
def test_unknown_aims_are_not_answers(db, aim):
    assert read(f"aim={aim}").readings["aim"].error == "Select what you want to do next"


def test_the_questions_come_in_one_list_with_a_page_each():
    assert [q.name for q in plan_flow.QUESTIONS] == ["role", "years", "aim", "area", "la"]
    assert len(plan_flow.BY_SLUG) == len(plan_flow.QUESTIONS)
    assert plan_flow.question_after(plan_flow.QUESTIONS[-1]) is None
    assert plan_flow.question_before(plan_flow.QUESTIONS[0]) is None


# Counting --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_plans_are_counted_per_day_and_combination():
    for _ in range(3):
        plan_counts.record_plan(day=TODAY, role="social-worker", aim="lead", suggested=["a", "b"])
    plan_counts.record_plan(day=TODAY, role="social-worker", aim="manage", suggested=["a"])
    plan_counts.record_plan(
        day=TODAY - datetime.timedelta(1), role="social-worker", aim="lead", suggested=["a", "b"]
    )
    assert PlanCount.objects.count() == 3
    totals = plan_counts.plan_totals(start=TODAY - datetime.timedelta(1), end=TODAY)
    assert [(t.aim, t.suggested, t.plans) for t in totals] == [
        ("lead", ("a", "b"), 4),
        ("manage", ("a",), 1),
    ]
    assert plan_counts.plans_per_day(start=TODAY, end=TODAY) == {TODAY: 4}


@pytest.mark.parametrize(
    ("query", "agent", "counted"),
    [
        ("", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", True),
        ("", "Googlebot/2.1", False),
        ("", "", False),
        ("done=3", "Mozilla/5.0 Firefox/140.0", False),
        ("saved=yes", "Mozilla/5.0 Firefox/140.0", False),
    ],
)
def test_which_views_of_a_plan_are_counted(rf, query, agent, counted):
    request = rf.get("/plan-your-next-step/your-plan/?" + query, HTTP_USER_AGENT=agent)
    assert plan_counts.should_count(request) is counted


# The calendar file -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_calendar_holds_the_cpd_deadline_and_the_programmes_dates_to_come():
    target = make_role()
    current = make_role(next_roles=[target])
    programme = make_programme(name="Pathways", slug="pathways", roles=[target])
    programme.windows.create(
        opens_on=datetime.date(2026, 11, 1), closes_on=datetime.date(2027, 1, 31)
    )
    programme.windows.create(
        opens_on=datetime.date(2027, 3, 1), closes_on=datetime.date(2027, 3, 31)
    )
    make_programme(name="No dates", roles=[target])
    made = plan.build_plan(
        role=current.slug, years="3-5", aim="specialise", employer="yes", areas=[], today=TODAY
    )
    dates = plan_calendar.plan_dates(made, today=TODAY, site="https://example.gov.uk")
    assert [(d.day, d.summary) for d in dates] == [
        (datetime.date(2027, 1, 31), "Last day to apply: Pathways"),
        (datetime.date(2027, 3, 1), "Applications open: Pathways"),
        (datetime.date(2027, 3, 31), "Last day to apply: Pathways"),
        (datetime.date(2027, 11, 30), "Record your CPD with Social Work England by today"),
    ]
    stamp = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
    ics = plan_calendar.calendar_file(dates, host="example.gov.uk", stamp=stamp)
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [
        "pathways-closes-20270131@example.gov.uk",
        "pathways-opens-20270301@example.gov.uk",
        "pathways-closes-20270331@example.gov.uk",
        "cpd-deadline-20271130@example.gov.uk",
    ]
    assert events[-1].decoded("dtstart") == datetime.date(2027, 11, 30)
    assert str(events[0]["url"]) == "https://example.gov.uk/development-programmes/pathways/"
    # The same plan gives the same events, so a second download updates rather than adds.
    again = plan_calendar.calendar_file(dates, host="example.gov.uk", stamp=stamp)
    assert again == ics
