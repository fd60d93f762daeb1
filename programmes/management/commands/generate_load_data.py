"""Fill the database with realistic volumes for load tests: the bundled content, then made-up
roles, programmes (with career stages and application windows) and sign-up clicks.

Made-up rows copy the bundled ones' text, so pages are the size real pages are."""

import datetime
import itertools
import random

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from careers.models import CareerStage, Role
from core.models import Status
from programmes.models import ApplicationWindow, Programme, SignUpClick


class Command(BaseCommand):
    help = "Load the bundled content, then add made-up roles, programmes and sign-up clicks."

    def add_arguments(self, parser):
        parser.add_argument("--programmes", type=int, default=1_000)
        parser.add_argument("--roles", type=int, default=200)
        parser.add_argument("--clicks", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        call_command("load_content", verbosity=0)
        rng = random.Random(options["seed"])  # noqa: S311 - made-up data, not secrets
        with transaction.atomic():
            roles = self._roles(options["roles"])
            programmes = self._programmes(options["programmes"], rng)
        self.stdout.write(f"{roles:,} roles and {programmes:,} programmes added")
        clicks = self._clicks(options["clicks"])
        self.stdout.write(f"{clicks:,} sign-up clicks added")
        # Fresh planner statistics for every table the load wrote: without them PostgreSQL
        # guesses one row per table and picks nested loops over hundreds of rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _roles(self, total: int) -> int:
        models = list(Role.objects.public().order_by("pk"))
        if not models:
            raise CommandError("The bundled content has no published roles.")
        needed = max(total - Role.objects.count(), 0)
        copies = []
        for n, model in zip(range(needed), itertools.cycle(models), strict=False):
            copy = _copy(model, Role)
            copy.title = f"{model.title} ({n + 1})"
            copy.slug = f"{model.slug}-{n + 1}"[:80]
            copies.append(copy)
        Role.objects.bulk_create(copies, batch_size=500)
        return len(copies)

    def _programmes(self, total: int, rng: random.Random) -> int:
        models = list(Programme.objects.public().order_by("pk").prefetch_related("stages"))
        if not models:
            raise CommandError("The bundled content has no published programmes.")
        needed = max(total - Programme.objects.count(), 0)
        copies = []
        for n, model in zip(range(needed), itertools.cycle(models), strict=False):
            copy = _copy(model, Programme)
            copy.name = f"{model.name} ({n + 1})"
            copy.slug = f"{model.slug}-{n + 1}"[:80]
            copy.next_programme = None
            copies.append(copy)
        created = Programme.objects.bulk_create(copies, batch_size=500)
        stages = list(CareerStage.objects.public())
        through = Programme.stages.through
        links = [
            through(programme_id=programme.pk, careerstage_id=stage.pk)
            for programme in created
            for stage in rng.sample(stages, k=min(2, len(stages)))
        ]
        through.objects.bulk_create(links, batch_size=1000)
        today = timezone.localdate()
        windows = [
            ApplicationWindow(
                programme=programme,
                opens_on=today + datetime.timedelta(days=rng.randint(-60, 60)),
                closes_on=today + datetime.timedelta(days=rng.randint(61, 180)),
            )
            for programme in created
        ]
        ApplicationWindow.objects.bulk_create(windows, batch_size=1000)
        return len(created)

    def _clicks(self, total: int) -> int:
        ids = list(Programme.objects.public().values_list("pk", flat=True))
        if connection.vendor == "postgresql":
            return _clicks_in_postgresql(total, ids)
        rng = random.Random(2)  # noqa: S311
        now = timezone.now()
        rows = (
            SignUpClick(
                programme_id=rng.choice(ids),
                created_at=now - datetime.timedelta(minutes=rng.randrange(60 * 24 * 730)),
                visitor_key=f"{rng.getrandbits(64):016x}",
            )
            for _ in range(total)
        )
        written = 0
        while batch := list(itertools.islice(rows, 10_000)):
            SignUpClick.objects.bulk_create(batch)
            written += len(batch)
        return written


def _copy(model, model_class):
    """An unsaved published copy of `model` (bulk_create skips save(), so derived fields such
    as body_html are copied as they are)."""
    fields = {
        field.attname: getattr(model, field.attname)
        for field in model_class._meta.concrete_fields
        if not field.primary_key
    }
    copy = model_class(**fields)
    copy.status = Status.PUBLISHED
    return copy


def _clicks_in_postgresql(total: int, programme_ids: list[int]) -> int:
    """A million rows in seconds: generated inside the database in one statement. Times and
    click IDs rise with the row number, so each index grows at its end instead of being
    rewritten all over (random UUIDs made this ten times slower)."""
    table = SignUpClick._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table}
                (programme_id, click_id, created_at, source_path, campaign, visitor_key, is_bot)
            SELECT (%(ids)s::bigint[])[1 + (g %% %(count)s)],
                   lpad(to_hex(g), 32, '0')::uuid,
                   now() - interval '730 days' + g * (interval '730 days' / %(total)s),
                   '',
                   '',
                   md5((g %% 300000)::text),
                   g %% 33 = 0
            FROM generate_series(1, %(total)s) AS g
            """,  # noqa: S608 - the table name comes from the model, values are parameters
            {"ids": programme_ids, "count": len(programme_ids), "total": total},
        )
    return total
