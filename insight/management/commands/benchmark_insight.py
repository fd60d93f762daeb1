"""Time the sign-up insight dashboard's queries and the cost of counting one page view."""

import os
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insight.forms import MAX_DAYS
from insight.models import ClickDaySummary, PageView
from insight.selectors import Period, insight
from insight.services import record_page_views
from programmes.models import SignUpClick


def timed(function, repeat: int) -> list[float]:
    """Milliseconds for each of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


class Command(BaseCommand):
    help = "Measure the dashboard's queries over the data in the database, and view counting."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--views", type=int, default=1000, help="page views to count")

    def handle(self, *args, **options):
        repeat = options["repeat"]
        self.stdout.write(
            f"Database: {connection.vendor}; {SignUpClick.objects.count():,} clicks, "
            f"{PageView.objects.count():,} page-view rows, "
            f"{ClickDaySummary.objects.count():,} days summarised"
        )
        self.stdout.write("| period | clicks in the period | queries | median ms | slowest ms |")
        self.stdout.write("|---|---|---|---|---|")
        for days in (7, 30, 90, 365, MAX_DAYS):
            period = Period.last(days)
            with CaptureQueriesContext(connection) as queries:
                data = insight(period=period)
            times = timed(lambda period=period: insight(period=period), repeat)
            self.stdout.write(
                f"| last {days} days | {data.totals['clicks']:,} | {len(queries)} "
                f"| {statistics.median(times):.0f} | {max(times):.0f} |"
            )
        self._view_counting(options["views"])
        load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
        self.stdout.write(f"Load average at the end (1, 5, 15 minutes): {load}")

    def _view_counting(self, count: int) -> None:
        path = reverse("careers:role", args=["benchmark-page"])
        PageView.objects.filter(path=path).delete()
        view = {"date": timezone.localdate(), "url_name": "careers:role", "path": path}
        first = timed(lambda: record_page_views(**view), 1)[0]
        times = timed(lambda: record_page_views(**view), count)
        PageView.objects.filter(path=path).delete()
        self.stdout.write(
            f"Counting a view in the database (without Redis): first of the day (insert) "
            f"{first:.2f} ms; then (update) "
            f"median {statistics.median(times):.2f} ms, 95th percentile "
            f"{statistics.quantiles(times, n=20)[-1]:.2f} ms over {count:,} views"
        )
