"""Insight for DfE: views of every counted page, sign-up clicks per programme and per career
stage, and the route people take (home page, career stage, programme, sign-up), for any
period.

Every number is computed by the database (annotate, Count, Sum, TruncDate); Python only lays
out and adds up the handful of grouped rows. Page views are joined to what the page is about
by content type and id, never by address, so a page keeps its history when its address
changes.

Clicks come from the daily summaries (insight.summaries) for the days already
summarised, and from the clicks themselves for the rest of the period (today, and any day not
summarised yet), so the numbers are exact and current whatever the summaries hold. Each number
is one query that unites the two parts, so the number of queries never depends on the period.
"""

import datetime
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.text import capfirst

from careers.models import CareerStage
from insight.models import ClickDaySummary, ClickRouteSummary, PageView, ProgrammeDaySummary
from insight.pages import COUNTED_PAGES
from programmes.models import Programme, SignUpClick

NO_STAGE = "Not through a career stage"
HOME = "careers:home"  # the URL name of the home page, the route's first step
TOP_SOURCES = 25
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def dates(self) -> list[datetime.date]:
        return [self.start + datetime.timedelta(days=n) for n in range(self.days)]

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Local midnight at the start, and midnight after the last day: index-friendly."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(self.end + ONE_DAY, datetime.time.min, tzinfo=tz)
        return start, end

    @classmethod
    def last(cls, days: int, *, today: datetime.date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(start=today - datetime.timedelta(days=days - 1), end=today)


def day_runs(days: Iterable[datetime.date]) -> list[Period]:
    """Days that follow each other as one period: 1, 2, 3 and 6 June give two periods."""
    runs: list[Period] = []
    for day in sorted(set(days)):
        if runs and runs[-1].end + ONE_DAY == day:
            runs[-1] = Period(start=runs[-1].start, end=day)
        else:
            runs.append(Period(start=day, end=day))
    return runs


def counted_clicks(*, period: Period) -> QuerySet:
    start, end = period.bounds()
    return SignUpClick.objects.counted().filter(created_at__gte=start, created_at__lt=end)


def unique_visitors(field: str = "visitor_key") -> Count:
    # Clicks recorded without a key cannot be told apart, so they are not counted as people.
    return Count(field, distinct=True, filter=~Q(**{field: ""}))


@dataclass(frozen=True)
class Reading:
    """Which days of a period are read from the summaries, and which from the clicks."""

    period: Period
    # People who clicked on the summarised days: visitor keys change every day, so this is
    # the sum of each day's number.
    summarised_visitors: int
    unsummarised: tuple[Period, ...]

    def summary(self, model) -> QuerySet:
        """Summary rows of the summarised days. The days read from the clicks are left out
        by name, so a day summarised while the dashboard reads is not counted twice."""
        rows = model.objects.filter(date__range=(self.period.start, self.period.end))
        for run in self.unsummarised:
            rows = rows.exclude(date__range=(run.start, run.end))
        return rows

    def clicks(self) -> QuerySet:
        """The counted clicks on the days not summarised."""
        if not self.unsummarised:
            return SignUpClick.objects.none()
        ranges = []
        for run in self.unsummarised:
            start, end = run.bounds()
            ranges.append(Q(created_at__gte=start, created_at__lt=end))
        return SignUpClick.objects.counted().filter(reduce(operator.or_, ranges))


def reading(*, period: Period) -> Reading:
    summarised = dict(
        ClickDaySummary.objects.filter(date__range=(period.start, period.end)).values_list(
            "date", "visitors"
        )
    )
    return Reading(
        period=period,
        summarised_visitors=sum(summarised.values()),
        unsummarised=tuple(day_runs(d for d in period.dates() if d not in summarised)),
    )


def _added_up(summarised: QuerySet, unsummarised: QuerySet, *, key: str) -> dict:
    """Grouped rows from the summaries and from the clicks, read in one query, with the
    numbers of rows that share a key added together."""
    rows: dict = {}
    for row in summarised.order_by().union(unsummarised.order_by(), all=True):
        if row[key] in rows:
            for name, value in row.items():
                if name != key:
                    rows[row[key]][name] += value
        else:
            rows[row[key]] = row
    return rows


def programme_views(*, period: Period) -> QuerySet:
    """Page-view rows of programme pages in the period."""
    return PageView.objects.filter(
        date__range=(period.start, period.end),
        content_type=ContentType.objects.get_for_model(Programme),
    )


@dataclass(frozen=True)
class RouteViews:
    """Views of the pages on the route to a sign-up, from one grouped query."""

    home: int
    stages: dict[int, int]  # by career stage id
    programmes: dict[int, int]  # by programme id


def route_views(*, period: Period) -> RouteViews:
    """Views of the home page, of each career stage and of each programme in the period."""
    stage_type = ContentType.objects.get_for_model(CareerStage)
    programme_type = ContentType.objects.get_for_model(Programme)
    rows = (
        PageView.objects.filter(date__range=(period.start, period.end))
        .filter(Q(url_name=HOME) | Q(content_type__in=[stage_type, programme_type]))
        .values("content_type", "object_id")
        .annotate(n=Sum("views"))
        .values_list("content_type", "object_id", "n")
        .order_by()
    )
    home, by_type = 0, {stage_type.pk: {}, programme_type.pk: {}}
    for content_type, object_id, views in rows:
        if content_type is None:
            home += views
        else:
            by_type[content_type][object_id] = views
    return RouteViews(
        home=home, stages=by_type[stage_type.pk], programmes=by_type[programme_type.pk]
    )


def _ctr(clicks: int, views: int) -> float | None:
    return round(100 * clicks / views, 1) if views else None


def programme_rows(*, reading: Reading, views: RouteViews) -> list[dict]:
    """One row per programme: views, clicks, unique clickers, click-through rate.

    One grouped pass over the clicks (the views are read with the route's); the handful of
    programmes then pick their numbers out by key.
    """
    clicks = _added_up(
        reading.summary(ProgrammeDaySummary)
        .values("programme")
        .annotate(clicks=Sum("clicks"), unique_clickers=Sum("visitors")),
        reading.clicks()
        .values("programme")
        .annotate(clicks=Count("pk"), unique_clickers=unique_visitors()),
        key="programme",
    )
    rows = []
    for programme in Programme.objects.order_by("order", "name").values("pk", "name", "slug"):
        counted = clicks.get(programme["pk"], {})
        page_views = views.programmes.get(programme["pk"], 0)
        rows.append(
            {
                **programme,
                "views": page_views,
                "clicks": counted.get("clicks", 0),
                "unique_clickers": counted.get("unique_clickers", 0),
                "ctr": _ctr(counted.get("clicks", 0), page_views),
            }
        )
    return rows


def totals(*, reading: Reading, programmes: list[dict]) -> dict:
    """Totals across programmes. Unique clickers are people, so not the sum of the rows."""
    views = sum(row["views"] for row in programmes)
    clicks = sum(row["clicks"] for row in programmes)
    people = reading.clicks().exclude(visitor_key="").values("visitor_key").distinct()
    return {
        "views": views,
        "clicks": clicks,
        "unique_clickers": reading.summarised_visitors + people.count(),
        "ctr": _ctr(clicks, views),
    }


def _busiest_first(rows: dict, *, key: str) -> list[dict]:
    return sorted(rows.values(), key=lambda row: (-row["clicks"], row[key]))


def stage_rows(*, reading: Reading, views: RouteViews) -> list[dict]:
    """One row per career stage, in the stages' order: views of the stage's page, views of
    the programme pages it lists, sign-up clicks that came through it, and the click-through
    rate (those clicks as a percentage of the stage page's views). Clicks through no stage
    come last.

    Programme pages are counted by address only, without the stage they were reached from,
    so a programme listed on two stages counts towards both. One grouped pass over the
    clicks, and one query for the stages with the programmes each lists."""
    clicks = _added_up(
        reading.summary(ClickRouteSummary).values("stage").annotate(clicks=Sum("clicks")),
        reading.clicks().values("stage").annotate(clicks=Count("pk")),
        key="stage",
    )
    stages: dict[int, dict] = {}
    for pk, name, programme in CareerStage.objects.order_by("order", "name").values_list(
        "pk", "name", "programmes"
    ):
        stage_views = views.stages.get(pk, 0)
        row = stages.setdefault(
            pk,
            {
                "pk": pk,
                "label": name,
                "stage_views": stage_views,
                "programme_views": 0,
                "clicks": clicks.get(pk, {}).get("clicks", 0),
            },
        )
        if programme is not None:
            row["programme_views"] += views.programmes.get(programme, 0)
    rows = [{**row, "ctr": _ctr(row["clicks"], row["stage_views"])} for row in stages.values()]
    elsewhere = clicks.get(None, {}).get("clicks", 0)
    if elsewhere:
        rows.append(
            {
                "pk": None,
                "label": NO_STAGE,
                "stage_views": None,
                "programme_views": None,
                "clicks": elsewhere,
                "ctr": None,
            }
        )
    return rows


ROUTE = ["Home page views", "Career stage page views", "Programme page views", "Sign-up clicks"]


def route(*, views: RouteViews, stages: list[dict], totals: dict) -> list[dict]:
    """The steps from the home page to a sign-up, each with its share of the step before.

    Each step is counted on its own: people can start at any step (from a search engine,
    say), so a share can be over 100%."""
    counts = [
        views.home,
        sum(row["stage_views"] or 0 for row in stages),
        totals["views"],
        totals["clicks"],
    ]
    return [
        {"step": step, "count": count, "share": _ctr(count, counts[n - 1]) if n else None}
        for n, (step, count) in enumerate(zip(ROUTE, counts, strict=True))
    ]


def by_source(*, reading: Reading, limit: int = TOP_SOURCES) -> list[dict]:
    """Clicks by the page the click came from, busiest first."""
    rows = _added_up(
        reading.summary(ClickRouteSummary).values("source_path").annotate(clicks=Sum("clicks")),
        reading.clicks().values("source_path").annotate(clicks=Count("pk")),
        key="source_path",
    )
    return _busiest_first(rows, key="source_path")[:limit]


def daily(*, reading: Reading) -> list[dict]:
    """Programme page views and clicks for every day of the period, zeros included."""
    clicks = _added_up(
        reading.summary(ProgrammeDaySummary).values("date").annotate(clicks=Sum("clicks")),
        reading.clicks()
        .annotate(date=TruncDate("created_at"))
        .values("date")
        .annotate(clicks=Count("pk")),
        key="date",
    )
    views = dict(
        programme_views(period=reading.period)
        .values("date")
        .annotate(n=Sum("views"))
        .values_list("date", "n")
    )
    return [
        {"date": d, "views": views.get(d, 0), "clicks": clicks.get(d, {}).get("clicks", 0)}
        for d in reading.period.dates()
    ]


GONE = "No longer on the site"


def page_rows(*, period: Period) -> list[dict]:
    """Views of every counted page in the period, busiest first, each named by its title
    (a role's name, say) or, for a page about nothing in particular, by its name in
    insight.pages. One grouped query over the views, then one per kind of thing named."""
    grouped = (
        PageView.objects.filter(date__range=(period.start, period.end))
        .values("url_name", "content_type", "object_id", "path")
        .annotate(n=Sum("views"))
        .order_by()
    )
    pages: dict[tuple, dict] = {}
    wanted: dict[int, set[int]] = defaultdict(set)
    for row in grouped:
        page = COUNTED_PAGES.get(row["url_name"])
        if row["object_id"] is not None:
            key = (row["content_type"], row["object_id"])
            wanted[row["content_type"]].add(row["object_id"])
        elif page and not page.model:
            key = (row["url_name"],)
        else:
            # Neither a page nor a thing this site still knows: shown by its address.
            key = (row["path"],)
        entry = pages.setdefault(key, {"key": key, "page": page, "path": row["path"], "views": 0})
        entry["views"] += row["n"]
    titles = _titles(wanted)
    rows = []
    for entry in pages.values():
        page, key = entry["page"], entry["key"]
        if key in titles:
            title, kind = titles[key]
            kind = page.label if page else kind
        elif page and not page.model:
            title, kind = page.label, "Page"
        else:
            title, kind = entry["path"], GONE
        rows.append({"title": title, "kind": kind, "views": entry["views"]})
    return sorted(rows, key=lambda row: (-row["views"], row["title"]))


def _titles(wanted: dict[int, set[int]]) -> dict[tuple[int, int], tuple[str, str]]:
    """Each thing's title and what kind of thing it is, by (content type, id)."""
    titles = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        for thing in model._default_manager.filter(pk__in=ids):
            titles[(content_type_id, thing.pk)] = (str(thing), capfirst(model._meta.verbose_name))
    return titles


@dataclass(frozen=True)
class Insight:
    period: Period
    programmes: list[dict]
    totals: dict
    stages: list[dict]
    route: list[dict]
    sources: list[dict]
    days: list[dict]
    pages: list[dict]


def insight(*, period: Period) -> Insight:
    """Everything the dashboard shows, read in one transaction so the numbers agree."""
    with transaction.atomic():
        _allow_memory_for_sorting()
        read = reading(period=period)
        views = route_views(period=period)
        programmes = programme_rows(reading=read, views=views)
        added_up = totals(reading=read, programmes=programmes)
        stages = stage_rows(reading=read, views=views)
        return Insight(
            period=period,
            programmes=programmes,
            totals=added_up,
            stages=stages,
            route=route(views=views, stages=stages, totals=added_up),
            sources=by_source(reading=read),
            days=daily(reading=read),
            pages=page_rows(period=period),
        )


def _allow_memory_for_sorting() -> None:
    # PostgreSQL's default 4 MB per sort sends counting distinct visitors over a few hundred
    # thousand clicks to disk; this transaction alone may use more.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
