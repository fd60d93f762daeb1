"""The status rule: what people can do about a programme on a given day, on the boundary
days (a window opening and closing, a programme starting and ending)."""

import datetime

import pytest

from programmes.lifecycle import HowToJoin, Lifecycle, State, Window, programme_status

DAY = datetime.date.fromisoformat


def status(*, lifecycle=Lifecycle.RUNNING, how=HowToJoin.APPLY, starts=None, ended=None,
           windows=(), today):  # fmt: skip
    return programme_status(
        lifecycle=lifecycle,
        how_to_join=how,
        starts_on=starts and DAY(starts),
        ended_on=ended and DAY(ended),
        windows=[Window(DAY(opens), DAY(closes)) for opens, closes in windows],
        today=DAY(today),
    )


def test_running_programme_without_windows_can_be_started_at_any_time():
    shown = status(today="2026-12-01")
    assert (shown.state, shown.text, shown.can_apply) == (State.ANY_TIME, "Start at any time", True)


@pytest.mark.parametrize(
    ("today", "state", "text"),
    [
        ("2027-01-04", State.OPENS, "Opens on 5 January 2027"),
        ("2027-01-05", State.OPEN, "Applications open until 31 January 2027"),
        ("2027-01-31", State.OPEN, "Applications open until 31 January 2027"),
        ("2027-02-01", State.CLOSED, "Applications closed"),
    ],
    ids=["day-before-opening", "opening-day", "closing-day", "day-after-closing"],
)
def test_a_window_includes_its_opening_and_closing_days(today, state, text):
    shown = status(windows=[("2027-01-05", "2027-01-31")], today=today)
    assert (shown.state, shown.text) == (state, text)
    assert shown.can_apply is (state == State.OPEN)


def test_overlapping_open_windows_show_the_latest_closing_date():
    windows = [("2027-03-01", "2027-03-20"), ("2027-03-05", "2027-04-02")]
    assert status(windows=windows, today="2027-03-10").text == (
        "Applications open until 2 April 2027"
    )


def test_the_next_window_to_open_is_shown_and_an_open_one_wins():
    windows = [("2027-01-01", "2027-01-31"), ("2027-09-01", "2027-09-30"),
               ("2027-05-04", "2027-05-30")]  # fmt: skip
    assert status(windows=windows, today="2027-03-10").text == "Opens on 4 May 2027"
    assert status(windows=windows, today="2027-01-10").state == State.OPEN


@pytest.mark.parametrize(
    ("today", "state", "text"),
    [
        ("2024-07-30", State.ANY_TIME, "Start at any time"),
        ("2024-07-31", State.ANY_TIME, "Start at any time"),
        ("2024-08-01", State.ENDED, "Ended in July 2024"),
        ("2026-12-01", State.ENDED, "Ended in July 2024"),
    ],
    ids=["before-its-last-day", "its-last-day", "the-day-after", "years-later"],
)
def test_an_ended_programme_runs_up_to_its_last_day_then_has_ended(today, state, text):
    shown = status(lifecycle=Lifecycle.ENDED, ended="2024-07-31", today=today)
    assert (shown.state, shown.text) == (state, text)
    assert shown.has_ended is (state == State.ENDED)
    assert shown.is_current is (state != State.ENDED)


def test_an_ended_programme_can_never_be_applied_for_even_with_an_open_window():
    shown = status(
        lifecycle=Lifecycle.ENDED,
        ended="2024-07-31",
        windows=[("2024-01-01", "2030-12-31")],
        today="2026-12-01",
    )
    assert shown.state == State.ENDED and not shown.can_apply


@pytest.mark.parametrize(
    ("today", "state", "text"),
    [
        ("2026-12-01", State.UPCOMING, "Starts September 2027"),
        ("2027-08-31", State.UPCOMING, "Starts September 2027"),
        ("2027-09-01", State.EMPLOYER_REGISTERS, "Your employer registers you"),
    ],
    ids=["months-before", "the-day-before", "the-start-day"],
)
def test_an_upcoming_programme_runs_from_its_start_date(today, state, text):
    shown = status(
        lifecycle=Lifecycle.UPCOMING,
        how=HowToJoin.EMPLOYER_REGISTERS,
        starts="2027-09-01",
        today=today,
    )
    assert (shown.state, shown.text, shown.can_apply) == (state, text, False)
    assert shown.is_current


def test_an_upcoming_programme_people_apply_for_shows_its_open_window():
    windows = [("2027-03-01", "2027-04-30")]
    before = status(lifecycle=Lifecycle.UPCOMING, starts="2027-09-01", windows=windows,
                    today="2027-02-01")  # fmt: skip
    during = status(lifecycle=Lifecycle.UPCOMING, starts="2027-09-01", windows=windows,
                    today="2027-04-30")  # fmt: skip
    after = status(lifecycle=Lifecycle.UPCOMING, starts="2027-09-01", windows=windows,
                   today="2027-05-01")  # fmt: skip
    assert before.text == "Opens on 1 March 2027" and not before.can_apply
    assert during.text == "Applications open until 30 April 2027" and during.can_apply
    assert after.text == "Starts September 2027" and not after.can_apply


@pytest.mark.parametrize(
    ("how", "state", "text"),
    [
        (HowToJoin.EMPLOYER_REGISTERS, State.EMPLOYER_REGISTERS, "Your employer registers you"),
        (HowToJoin.EMPLOYER_NOMINATES, State.EMPLOYER_NOMINATES, "Your employer nominates you"),
    ],
)
def test_programmes_people_join_through_their_employer_are_never_open_to_apply(how, state, text):
    # Even an open window does not make these "open now": people cannot apply themselves.
    shown = status(how=how, windows=[("2026-11-01", "2026-12-31")], today="2026-12-01")
    assert (shown.state, shown.text, shown.can_apply) == (state, text, False)


def test_a_paused_programme_takes_no_one():
    shown = status(lifecycle=Lifecycle.PAUSED, windows=[("2026-11-01", "2026-12-31")],
                   today="2026-12-01")  # fmt: skip
    assert (shown.state, shown.text, shown.can_apply) == (
        State.PAUSED,
        "Not taking applications",
        False,
    )
    assert shown.is_current


def test_only_open_and_any_time_count_as_open_now():
    assert {state for state in State if _status_of(state).can_apply} == {State.OPEN, State.ANY_TIME}


def _status_of(state):
    from programmes.lifecycle import ProgrammeStatus

    return ProgrammeStatus(state, DAY("2027-01-01"))
