"""What a social worker can do about a programme today: the one rule behind every status tag,
the "open now" filter, the call to action and the sign-up redirect.

Publishing (draft or published) says whether a page is shown. The lifecycle says whether the
programme is running, and how people join it. The two never mix: an ended programme keeps its
published page, because people have links to it."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db import models

from core.templating import format_date


class Lifecycle(models.TextChoices):
    RUNNING = "running", "Running"
    UPCOMING = "upcoming", "Upcoming: starts on a date"
    PAUSED = "paused", "Paused: not taking anyone at the moment"
    ENDED = "ended", "Ended"


class HowToJoin(models.TextChoices):
    APPLY = "apply_yourself", "You apply yourself"
    EMPLOYER_REGISTERS = "employer_registers", "Your employer registers you"
    EMPLOYER_NOMINATES = "employer_nominates", "Your employer nominates you"


class State(StrEnum):
    OPEN = "open"  # applications open until a date
    ANY_TIME = "any_time"  # people can start at any time
    OPENS = "opens"  # the next application window opens on a date
    CLOSED = "closed"  # no window open or to come
    EMPLOYER_REGISTERS = "employer_registers"
    EMPLOYER_NOMINATES = "employer_nominates"
    UPCOMING = "upcoming"
    PAUSED = "paused"
    ENDED = "ended"


TAG_COLOURS = {
    State.OPEN: "govuk-tag--green",
    State.ANY_TIME: "govuk-tag--green",
    State.OPENS: "govuk-tag--blue",
    State.CLOSED: "govuk-tag--grey",
    State.EMPLOYER_REGISTERS: "govuk-tag--purple",
    State.EMPLOYER_NOMINATES: "govuk-tag--purple",
    State.UPCOMING: "govuk-tag--blue",
    State.PAUSED: "govuk-tag--yellow",
    State.ENDED: "govuk-tag--grey",
}


def month_and_year(value: datetime.date) -> str:
    return f"{value:%B %Y}"


@dataclass(frozen=True)
class ProgrammeStatus:
    state: State
    date: datetime.date | None = None

    @property
    def text(self) -> str:
        match self.state:
            case State.OPEN:
                return f"Applications open until {format_date(self.date)}"
            case State.ANY_TIME:
                return "Start at any time"
            case State.OPENS:
                return f"Opens on {format_date(self.date)}"
            case State.CLOSED:
                return "Applications closed"
            case State.EMPLOYER_REGISTERS:
                return "Your employer registers you"
            case State.EMPLOYER_NOMINATES:
                return "Your employer nominates you"
            case State.UPCOMING:
                return f"Starts {month_and_year(self.date)}" if self.date else "Starting soon"
            case State.PAUSED:
                return "Not taking applications"
            case State.ENDED:
                return f"Ended in {month_and_year(self.date)}" if self.date else "Ended"

    @property
    def tag_colour(self) -> str:
        return TAG_COLOURS[self.state]

    @property
    def can_apply(self) -> bool:
        """People can apply or start today by themselves: the only state with a call to
        action, a counted sign-up, and a place under "open now"."""
        return self.state in (State.OPEN, State.ANY_TIME)

    @property
    def may_open(self) -> bool:
        """Nobody can join today, but the programme may open: closed, opening on a date,
        starting soon or paused. People can ask to be told when it opens."""
        return self.state in (State.OPENS, State.CLOSED, State.UPCOMING, State.PAUSED)

    @property
    def has_ended(self) -> bool:
        return self.state == State.ENDED

    @property
    def is_current(self) -> bool:
        """Running, paused or starting soon: shown on stage pages and in the default list."""
        return not self.has_ended


@dataclass(frozen=True)
class Window:
    opens_on: datetime.date
    closes_on: datetime.date


def programme_status(
    *,
    lifecycle: str,
    how_to_join: str,
    starts_on: datetime.date | None,
    ended_on: datetime.date | None,
    windows: Iterable,
    today: datetime.date,
) -> ProgrammeStatus:
    """The status people see on a given day (in the site's time zone, Europe/London).

    Dates move a programme on by themselves, so the status is true on the day it is shown:
    an upcoming programme runs from its start date, and one marked as ended runs up to and
    including its end date. A window includes both its opening and closing days. People may
    apply for an upcoming programme while one of its windows is open or to come."""
    windows = list(windows)
    if lifecycle == Lifecycle.ENDED and (ended_on is None or ended_on < today):
        return ProgrammeStatus(State.ENDED, ended_on)
    if lifecycle == Lifecycle.PAUSED:
        return ProgrammeStatus(State.PAUSED)
    if lifecycle == Lifecycle.UPCOMING and (starts_on is None or starts_on > today):
        applying = _application_status(windows, today) if how_to_join == HowToJoin.APPLY else None
        if applying is not None and applying.state in (State.OPEN, State.OPENS):
            return applying
        return ProgrammeStatus(State.UPCOMING, starts_on)
    if how_to_join == HowToJoin.EMPLOYER_REGISTERS:
        return ProgrammeStatus(State.EMPLOYER_REGISTERS)
    if how_to_join == HowToJoin.EMPLOYER_NOMINATES:
        return ProgrammeStatus(State.EMPLOYER_NOMINATES)
    return _application_status(windows, today)


def _application_status(windows: list, today: datetime.date) -> ProgrammeStatus:
    """For programmes people apply to themselves. No windows means they can start at any
    time. When windows overlap, the latest closing date is shown."""
    if not windows:
        return ProgrammeStatus(State.ANY_TIME)
    open_now = [w.closes_on for w in windows if w.opens_on <= today <= w.closes_on]
    if open_now:
        return ProgrammeStatus(State.OPEN, max(open_now))
    upcoming = [w.opens_on for w in windows if w.opens_on > today]
    if upcoming:
        return ProgrammeStatus(State.OPENS, min(upcoming))
    return ProgrammeStatus(State.CLOSED)
