"""A plan's dates as an iCalendar file: the CPD deadline, and the opening and closing dates
of the programmes in the plan that have them. Each event's UID is made from what it is and
its date, so downloading the file again updates the same events rather than adding copies."""

import datetime
from dataclasses import dataclass

from icalendar import Calendar, Event

from careers.plan import Plan
from core.templating import format_date

PRODUCT = "-//Department for Education//Plan your next step//EN"
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class PlanDate:
    uid: str
    day: datetime.date
    summary: str
    url: str


def plan_dates(plan: Plan, *, today: datetime.date, site: str) -> list[PlanDate]:
    """The plan's dates from today on, soonest first. `site` is the site's address."""
    dates = [
        PlanDate(
            uid=f"cpd-deadline-{plan.cpd_deadline:%Y%m%d}",
            day=plan.cpd_deadline,
            summary="Record your CPD with Social Work England by today",
            url="https://www.socialworkengland.org.uk/cpd/",
        )
    ]
    seen = set()
    for suggestion in plan.suggestions:
        for entry in suggestion.programmes:
            programme = entry.programme
            if programme.pk in seen:
                continue
            seen.add(programme.pk)
            url = site + programme.get_absolute_url()
            known = [
                (kind, day, f"{text}: {programme.name}")
                for window in programme.windows.all()
                for kind, day, text in (
                    ("opens", window.opens_on, "Applications open"),
                    ("closes", window.closes_on, "Last day to apply"),
                )
            ]
            if programme.starts_on:
                known.append(("starts", programme.starts_on, f"Starts: {programme.name}"))
            dates += [
                PlanDate(
                    uid=f"{programme.slug}-{kind}-{day:%Y%m%d}", day=day, summary=text, url=url
                )
                for kind, day, text in known
                if day >= today
            ]
    return sorted(dates, key=lambda date: (date.day, date.summary))


def calendar_file(dates: list[PlanDate], *, host: str, stamp: datetime.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Plan your next step")
    for date in dates:
        event = Event()
        event.add("uid", f"{date.uid}@{host}")
        event.add("dtstamp", stamp)
        # All-day events: a date, and the day after as the end.
        event.add("dtstart", date.day)
        event.add("dtend", date.day + ONE_DAY)
        event.add("summary", date.summary)
        event.add("description", f"{date.summary} ({format_date(date.day)}). {date.url}")
        event.add("url", date.url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
