"""Daily summaries of the sign-up clicks, which the dashboard reads instead of the clicks.

A day is summarised once it is over: its clicks are grouped by the database and the groups
written with INSERT ... SELECT, so no click passes through Python. The dashboard reads the
clicks themselves for any day not summarised, so a day left out only makes it slower.
"""

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Count, Min, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from insight.models import ClickDaySummary, ClickRouteSummary, ProgrammeDaySummary
from insight.selectors import ONE_DAY, Period, counted_clicks, day_runs, unique_visitors
from programmes.models import SignUpClick

SUMMARIES = (ClickDaySummary, ProgrammeDaySummary, ClickRouteSummary)


def summarise_days(*, days: Iterable[datetime.date]) -> int:
    """Summarise these days from their clicks, replacing any summary they had. Returns how
    many days were summarised."""
    days = set(days)
    if days and max(days) >= timezone.localdate():
        # Clicks still arrive today: a summary of it would hide them from the dashboard.
        raise ValueError("Only days that are over can be summarised")
    for run in day_runs(days):
        with transaction.atomic():
            _forget(run)
            _summarise(run)
    return len(days)


def summarise_past_days(*, again_from: datetime.date | None = None) -> list[datetime.date]:
    """Summarise every day from the first click to yesterday that is not summarised yet, and
    every day from `again_from` even if it is. Returns the days summarised."""
    first = SignUpClick.objects.aggregate(first=Min("created_at"))["first"]
    if first is None:
        return []
    yesterday = timezone.localdate() - ONE_DAY
    start = timezone.localdate(first)
    if again_from:
        start = min(start, again_from)
    done = ClickDaySummary.objects.filter(date__range=(start, yesterday))
    if again_from:
        done = done.filter(date__lt=again_from)
    done_days = set(done.values_list("date", flat=True))
    days = [d for d in Period(start=start, end=yesterday).dates() if d not in done_days]
    summarise_days(days=days)
    return days


def forget_days(*, days: Iterable[datetime.date]) -> None:
    """Drop the summaries of these days, so the dashboard reads their clicks until they are
    summarised again: used before clicks are added to a day that is over."""
    for run in day_runs(days):
        _forget(run)


@contextmanager
def replaying_into(days: set[datetime.date]) -> Iterator[None]:
    """While clicks are added to days that are over (manage.py replay_clicks): the dashboard
    reads those days' clicks meanwhile, then their new summaries."""
    forget_days(days=days)
    yield
    summarise_days(days=days)


def _forget(run: Period) -> None:
    for model in SUMMARIES:
        model.objects.filter(date__range=(run.start, run.end)).delete()


def _summarise(run: Period) -> None:
    clicks = counted_clicks(period=run).annotate(day=TruncDate("created_at")).order_by()
    _insert_rows(
        ClickDaySummary,
        ["date", "visitors"],
        clicks.values("day").annotate(n=unique_visitors()).values_list("day", "n"),
    )
    # Days without a click are summarised too, so they count as done.
    ClickDaySummary.objects.bulk_create(
        [ClickDaySummary(date=day) for day in run.dates()], ignore_conflicts=True
    )
    _insert_rows(
        ProgrammeDaySummary,
        ["date", "programme", "clicks", "visitors"],
        clicks.values("day", "programme")
        .annotate(n=Count("pk"), people=unique_visitors())
        .values_list("day", "programme", "n", "people"),
    )
    _insert_rows(
        ClickRouteSummary,
        ["date", "programme", "stage", "source_path", "clicks"],
        clicks.values("day", "programme", "stage", "source_path")
        .annotate(n=Count("pk"))
        .values_list("day", "programme", "stage", "source_path", "n"),
    )


def _insert_rows(model, fields: list[str], rows: QuerySet) -> None:
    """INSERT INTO model (fields) SELECT ...: the database writes the grouped rows itself.
    `rows` must select its columns in the order of `fields`."""
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({columns}) {select}", params)
