"""Fill the database with made-up page views and sign-up clicks, to measure the dashboard."""

import datetime
import math
import random
from collections.abc import Iterator
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careers.models import CareerStage, Role
from insight.models import PageView
from insight.summaries import SUMMARIES, summarise_days
from programmes.models import Programme, SignUpClick


def batched(rows: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(rows, size)):
        yield batch


class Command(BaseCommand):
    help = "Create made-up sign-up clicks and page-view rows for performance testing."

    def add_arguments(self, parser):
        parser.add_argument("--clicks", type=int, default=1_000_000)
        parser.add_argument("--page-views", type=int, default=1_000_000, help="page-view rows")
        parser.add_argument("--days", type=int, default=730, help="spread over this many days")
        parser.add_argument("--batch-size", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--clear", action="store_true", help="delete every click and page view first"
        )

    def handle(self, *args, **options):
        programmes = list(Programme.objects.all())
        if not programmes:
            raise CommandError("No programmes yet: run `manage.py load_content` first.")
        rng = random.Random(options["seed"])  # noqa: S311 - made-up data, not secrets
        today = timezone.localdate()
        days = [today - datetime.timedelta(days=n) for n in range(options["days"])]
        if options["clear"]:
            SignUpClick.objects.all().delete()
            PageView.objects.all().delete()
            for summary in SUMMARIES:
                summary.objects.all().delete()
        size = options["batch_size"]
        clicks = self._clicks(rng, programmes, days, options["clicks"])
        written = self._insert(SignUpClick, clicks, size)
        self.stdout.write(f"{written:,} sign-up clicks written")
        views = self._page_views(rng, programmes, days, options["page_views"])
        written = self._insert(PageView, views, size)
        self.stdout.write(f"{written:,} page-view rows written")
        # Every day written to that is over, as the nightly job would.
        summarised = summarise_days(days=[day for day in days if day < today])
        self.stdout.write(f"{summarised:,} days of clicks summarised")

    def _insert(self, model, rows: Iterator, size: int) -> int:
        written = 0
        for batch in batched(rows, size):
            with transaction.atomic():
                model.objects.bulk_create(batch, batch_size=size, ignore_conflicts=True)
            written += len(batch)
        return written

    def _clicks(self, rng, programmes, days, count) -> Iterator[SignUpClick]:
        stages = [*CareerStage.objects.all(), None]
        sources = [reverse("careers:home"), reverse("programmes:list")]
        sources += [stage.get_absolute_url() for stage in stages if stage]
        # Real visitor keys change every day. A third as many people as clicks each day, so
        # people click more than once.
        people_a_day = max(count // 3 // len(days), 1)
        tz = timezone.get_current_timezone()
        for _ in range(count):
            programme = rng.choice(programmes)
            day = rng.choice(days)
            moment = datetime.time(rng.randrange(24), rng.randrange(60), rng.randrange(60))
            yield SignUpClick(
                programme=programme,
                created_at=datetime.datetime.combine(day, moment, tzinfo=tz),
                source_path=rng.choice([programme.get_absolute_url(), *sources]),
                stage=rng.choice(stages),
                visitor_key=f"{day:%Y%m%d}-{rng.randrange(people_a_day)}",
                is_bot=rng.random() < 0.03,
            )

    def _page_views(self, rng, programmes, days, count) -> Iterator[PageView]:
        """Rows as the counter writes them: (URL name, address, what the page is about)."""
        pages = [("careers:home", reverse("careers:home"), None)]
        pages += [("programmes:detail", p.get_absolute_url(), p) for p in programmes]
        pages += [("careers:stage", s.get_absolute_url(), s) for s in CareerStage.objects.all()]
        pages += [("careers:role", r.get_absolute_url(), r) for r in Role.objects.all()]
        # One row per page per day: made-up role pages make up the number of rows asked for.
        needed = math.ceil(count / len(days))
        pages += [
            ("careers:role", reverse("careers:role", args=[f"generated-role-{n}"]), None)
            for n in range(max(needed - len(pages), 0))
        ]
        busy = {programme.get_absolute_url() for programme in programmes}
        rows = ((page, day) for day in days for page in pages)
        for (url_name, path, thing), day in islice(rows, count):
            views = rng.randint(200, 1500) if path in busy else rng.randint(1, 400)
            yield PageView(
                path=path,
                date=day,
                views=views,
                url_name=url_name,
                content_type=ContentType.objects.get_for_model(thing) if thing else None,
                object_id=thing.pk if thing else None,
            )
