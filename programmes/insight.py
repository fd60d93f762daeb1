"""Sign-up insight for DfE: page views and sign-up clicks per programme, for any period.

Every number is computed by the database (annotate, Count, Sum, TruncDate); Python only lays
out the handful of result rows.
"""

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import CharField, Count, Q, QuerySet, Sum
from django.db.models import Value as V
from django.db.models.functions import Coalesce, Concat, TruncDate
from django.utils import timezone

from core.models import PageView
from programmes.models import Programme, SignUpClick

# A programme's page, as the page-view counter records it (Programme.get_absolute_url).
PROGRAMME_PATH_PREFIX = "/development-programmes/"
NO_STAGE = "Not through a career stage"
TOP_SOURCES = 25


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Local midnight at the start, and midnight after the last day: index-friendly."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return start, end

    @classmethod
    def last(cls, days: int, *, today: datetime.date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(start=today - datetime.timedelta(days=days - 1), end=today)


def _programme_path(slug_ref) -> Concat:
    return Concat(V(PROGRAMME_PATH_PREFIX), slug_ref, V("/"), output_field=CharField())


def counted_clicks(*, period: Period) -> QuerySet:
    start, end = period.bounds()
    return SignUpClick.objects.filter(is_bot=False, created_at__gte=start, created_at__lt=end)


def programme_views(*, period: Period) -> QuerySet:
    """Page-view rows of programme pages in the period."""
    paths = Programme.objects.annotate(page=_programme_path("slug")).values("page")
    return PageView.objects.filter(date__range=(period.start, period.end), path__in=paths)


def _unique(field: str = "visitor_key") -> Count:
    # Clicks recorded without a key cannot be told apart, so they are not counted as people.
    return Count(field, distinct=True, filter=~Q(**{field: ""}))


def _ctr(clicks: int, views: int) -> float | None:
    return round(100 * clicks / views, 1) if views else None


def programme_rows(*, period: Period) -> list[dict]:
    """One row per programme: views, clicks, unique clickers, click-through rate.

    One grouped pass over the clicks and one over the page views; the handful of programmes
    then pick their numbers out by key.
    """
    clicks = {
        row["programme"]: row
        for row in counted_clicks(period=period)
        .values("programme")
        .annotate(clicks=Count("pk"), unique_clickers=_unique())
        .order_by()
    }
    views = dict(
        programme_views(period=period)
        .values("path")
        .annotate(n=Sum("views"))
        .values_list("path", "n")
    )
    rows = []
    for programme in Programme.objects.order_by("order", "name").values("pk", "name", "slug"):
        counted = clicks.get(programme["pk"], {})
        page_views = views.get(f"{PROGRAMME_PATH_PREFIX}{programme['slug']}/", 0)
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


def totals(*, period: Period, programmes: list[dict]) -> dict:
    """Totals across programmes. Unique clickers are people, so not the sum of the rows."""
    views = sum(row["views"] for row in programmes)
    clicks = sum(row["clicks"] for row in programmes)
    people = counted_clicks(period=period).exclude(visitor_key="").values("visitor_key").distinct()
    return {
        "views": views,
        "clicks": clicks,
        "unique_clickers": people.count(),
        "ctr": _ctr(clicks, views),
    }


def by_stage(*, period: Period) -> list[dict]:
    """Clicks by the career stage the visitor came through."""
    return list(
        counted_clicks(period=period)
        .annotate(label=Coalesce("stage__name", V(NO_STAGE)))
        .values("label")
        .annotate(clicks=Count("pk"))
        .order_by("-clicks", "label")
    )


def by_source(*, period: Period, limit: int = TOP_SOURCES) -> list[dict]:
    """Clicks by the page the click came from, busiest first."""
    return list(
        counted_clicks(period=period)
        .values("source_path")
        .annotate(clicks=Count("pk"))
        .order_by("-clicks", "source_path")[:limit]
    )


def daily(*, period: Period) -> list[dict]:
    """Programme page views and clicks for every day of the period, zeros included."""
    clicks = dict(
        counted_clicks(period=period)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    views = dict(
        programme_views(period=period)
        .values("date")
        .annotate(n=Sum("views"))
        .values_list("date", "n")
    )
    days = (period.start + datetime.timedelta(days=i) for i in range(period.days))
    return [{"date": d, "views": views.get(d, 0), "clicks": clicks.get(d, 0)} for d in days]


@dataclass(frozen=True)
class Insight:
    period: Period
    programmes: list[dict]
    totals: dict
    stages: list[dict]
    sources: list[dict]
    days: list[dict]


def insight(*, period: Period) -> Insight:
    """Everything the dashboard shows, read in one transaction so the numbers agree."""
    with transaction.atomic():
        _allow_memory_for_sorting()
        programmes = programme_rows(period=period)
        return Insight(
            period=period,
            programmes=programmes,
            totals=totals(period=period, programmes=programmes),
            stages=by_stage(period=period),
            sources=by_source(period=period),
            days=daily(period=period),
        )


def _allow_memory_for_sorting() -> None:
    # PostgreSQL's default 4 MB per sort sends counting distinct visitors over a few hundred
    # thousand clicks to disk; this transaction alone may use more.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
