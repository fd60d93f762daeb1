"""Write the page views waiting in the shared cache, and summarise each finished day's
sign-up clicks for the dashboard: run it nightly."""

import argparse
import datetime

from django.core.management.base import BaseCommand

from insight.services import flush_page_views
from insight.summaries import summarise_past_days


def a_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-06-01") from error


class Command(BaseCommand):
    help = (
        "Write the page views counted in the shared cache to the database, and summarise the "
        "sign-up clicks of every day up to yesterday that is not summarised yet, so the insight "
        "dashboard stays fast. Safe to run at any time and more than once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--again-from",
            type=a_date,
            metavar="YYYY-MM-DD",
            help="summarise every day from this date again, even if it is already summarised",
        )

    def handle(self, *args, again_from: datetime.date | None, **options):
        views = flush_page_views()
        if views:
            self.stdout.write(f"Wrote {views:,} page views from the shared cache.")
        days = summarise_past_days(again_from=again_from)
        if days:
            count = "1 day" if len(days) == 1 else f"{len(days):,} days"
            self.stdout.write(f"Summarised {count}, from {min(days)} to {max(days)}.")
        else:
            self.stdout.write("Nothing to summarise: every day up to yesterday is done.")
