"""The pages of "Plan your next step": a start page, one page per question, "Check your
answers", the plan, and its dates as a calendar file. Every page is a GET: the answers travel
in the address, so the pages store nothing and set no cookie. The questions are in
careers.plan_flow and the rules in careers.plan."""

import functools

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from careers import plan_calendar, plan_counts
from careers.plan import UNSURE, build_plan
from careers.plan_flow import (
    BY_SLUG,
    FROM_CHECK,
    QUESTIONS,
    SUBMITTED,
    Answers,
    Question,
    question_after,
    question_before,
    read_answers,
)
from core.seo import site_root

HOME = {"text": "Home", "href": "/"}
# Links from these pages tell the next page only the site they came from, not the address
# that holds the answers.
REFERRER_POLICY = "strict-origin"
# Ticks are requirement numbers; a plan has a few dozen at most.
MAX_TICKS = 200


def keeps_answers_to_itself(view):
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = REFERRER_POLICY
        return response

    return wrapped


def _address(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def question_url(question: Question, answers: Answers, *extra: tuple[str, str]) -> str:
    path = reverse("careers:plan_question", args=[question.slug])
    return _address(path, answers.query(*extra))


def check_url(answers: Answers) -> str:
    return _address(reverse("careers:plan_check"), answers.query())


def plan_url(answers: Answers, *extra: tuple[str, str]) -> str:
    return _address(reverse("careers:plan"), answers.query(*extra))


@keeps_answers_to_itself
def start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "careers/plan/start.html",
        {
            "start_url": reverse("careers:plan_question", args=[QUESTIONS[0].slug]),
            "breadcrumbs": [HOME, {"text": "Plan your next step"}],
        },
    )


@keeps_answers_to_itself
def question(request: HttpRequest, slug: str) -> HttpResponse:
    asked = BY_SLUG.get(slug)
    if asked is None:
        raise Http404
    answers = read_answers(request.GET)
    reading = answers.readings[asked.name]
    from_check = FROM_CHECK in request.GET
    error = None
    if SUBMITTED in request.GET:
        if reading.answered:
            following = None if from_check else question_after(asked)
            return redirect(question_url(following, answers) if following else check_url(answers))
        error = reading.error
    if from_check:
        back = check_url(answers)
    elif previous := question_before(asked):
        back = question_url(previous, answers)
    else:
        back = reverse("careers:plan_start")
    chosen = reading.value if reading.answered else (() if asked.many else None)
    items = [
        {
            "value": choice.value,
            "text": choice.text,
            "checked": choice.value in chosen if asked.many else choice.value == chosen,
        }
        for choice in asked.choices()
    ]
    if not asked.many and any(choice.value == UNSURE for choice in asked.choices()):
        items.insert(len(items) - 1, {"divider": "or"})
    hidden = answers.pairs(without=asked.name)
    if from_check:
        hidden.append((FROM_CHECK, "yes"))
    return render(
        request,
        "careers/plan/question.html",
        {
            "question": asked,
            "items": items,
            "hidden": hidden,
            "submitted": SUBMITTED,
            "error": error,
            "error_in_title": bool(error),
            "back_url": back,
            "number": QUESTIONS.index(asked) + 1,
            "total": len(QUESTIONS),
        },
        status=400 if error else 200,
    )


def _first_problem(answers: Answers) -> str:
    return question_url(answers.problems[0].question, answers)


@keeps_answers_to_itself
def check(request: HttpRequest) -> HttpResponse:
    answers = read_answers(request.GET)
    if not answers.complete:
        return redirect(_first_problem(answers))
    rows = [
        {
            "key": {"text": asked.label},
            "value": {"text": answers.text(asked.name)},
            "actions": {
                "items": [
                    {
                        "href": question_url(asked, answers, (FROM_CHECK, "yes")),
                        "text": "Change",
                        "visuallyHiddenText": asked.label.lower(),
                    }
                ]
            },
        }
        for asked in QUESTIONS
    ]
    return render(
        request,
        "careers/plan/check.html",
        {
            "rows": rows,
            "plan_url": plan_url(answers),
            "back_url": question_url(QUESTIONS[-1], answers),
        },
    )


def _problem_page(request: HttpRequest, answers: Answers) -> HttpResponse:
    """A plan address with answers missing or not valid: say which, and link to each."""
    problems = [
        {"text": reading.error, "href": question_url(reading.question, answers)}
        for reading in answers.problems
    ]
    return render(
        request,
        "careers/plan/problem.html",
        {
            "problems": problems,
            "error_in_title": True,
            "breadcrumbs": [
                HOME,
                {"text": "Plan your next step", "href": reverse("careers:plan_start")},
            ],
        },
        status=400,
    )


def _plan_for(answers: Answers):
    return build_plan(
        role=answers.value("role"),
        years=answers.value("years"),
        aim=answers.value("aim"),
        employer=answers.value("la"),
        areas=answers.value("area"),
        today=timezone.localdate(),
    )


def _ticks(request: HttpRequest, known: set[int]) -> list[int]:
    """The requirements ticked, as far as they are in this plan: anything else is dropped."""
    ticked = set()
    for value in request.GET.getlist(plan_counts.TICKS)[:MAX_TICKS]:
        if value.isascii() and value.isdigit() and len(value) < 10 and int(value) in known:
            ticked.add(int(value))
    return sorted(ticked)


@keeps_answers_to_itself
def plan(request: HttpRequest) -> HttpResponse:
    answers = read_answers(request.GET)
    result = _plan_for(answers) if answers.complete else None
    if result is None:
        return _problem_page(request, answers)
    ticked = _ticks(request, result.requirement_ids)
    if plan_counts.should_count(request):
        plan_counts.record_plan(
            day=timezone.localdate(),
            role=result.current.slug,
            aim=result.aim.value,
            suggested=result.suggested_slugs,
        )
    ticks = [(plan_counts.TICKS, str(pk)) for pk in ticked]
    if ticks:
        ticks.append((plan_counts.SAVED, "yes"))
    return render(
        request,
        "careers/plan/plan.html",
        {
            "plan": result,
            "summary": [(asked.label, answers.text(asked.name)) for asked in QUESTIONS],
            "ticked": set(ticked),
            "hidden": answers.pairs(),
            "saved_param": plan_counts.SAVED,
            "ticks_param": plan_counts.TICKS,
            "saved": plan_counts.SAVED in request.GET,
            "address": site_root(request) + plan_url(answers, *ticks),
            "calendar_url": _address(reverse("careers:plan_calendar"), answers.query()),
            "check_url": check_url(answers),
            "compare_url": _address(
                reverse("careers:compare"),
                "&".join(
                    f"role={slug}" for slug in [result.current.slug, *result.suggested_slugs][:3]
                ),
            ),
            "paths_url": _address(
                reverse("careers:career_paths"), f"current={result.current.slug}"
            ),
            "breadcrumbs": [
                HOME,
                {"text": "Plan your next step", "href": reverse("careers:plan_start")},
                {"text": "Your plan"},
            ],
        },
    )


@keeps_answers_to_itself
def calendar(request: HttpRequest) -> HttpResponse:
    answers = read_answers(request.GET)
    result = _plan_for(answers) if answers.complete else None
    if result is None:
        return _problem_page(request, answers)
    today = timezone.localdate()
    site = site_root(request)
    dates = plan_calendar.plan_dates(result, today=today, site=site)
    host = request.get_host()
    stamp = timezone.now().replace(microsecond=0)
    response = HttpResponse(
        plan_calendar.calendar_file(dates, host=host, stamp=stamp),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="plan-your-next-step.ics"'
    return response
