"""Measure the search page on PostgreSQL with a large catalogue, in a throwaway database.

    DATABASE_URL=postgres://... python manage.py benchmark_search

Creates `test_<database name>`, fills it with the bundled content plus generated programmes
and guidance pages, times the search page through the whole Django stack in this one
process (one worker), prints the timings, and drops the database again."""

import os
import platform
import random
import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

STATIC_FILES = "django.contrib.staticfiles.storage.StaticFilesStorage"
QUERIES = [
    "supervisor",
    "safegaurding",
    "practise supervisor",
    "ASYE",
    "independent reviewing officer",
    '"team manager" -practice',
    "fostering or adoption",
    "leadership programme",
    "child protection",
    "zzyzx",
]


class Command(BaseCommand):
    help = "Time the search page on PostgreSQL with many programmes and pages (throwaway DB)."

    def add_arguments(self, parser):
        parser.add_argument("--programmes", type=int, default=1000)
        parser.add_argument("--pages", type=int, default=1000)
        parser.add_argument("--rounds", type=int, default=30)

    def handle(self, *args, programmes: int, pages: int, rounds: int, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Run this against PostgreSQL: set DATABASE_URL.")
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            self._fill(programmes, pages)
            measured = self._measure(rounds)
            self._report(measured, programmes, pages, rounds)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def _fill(self, programmes: int, pages: int) -> None:
        from careers.models import GuidancePage
        from programmes.models import Format, Programme, Provider
        from search.models import SearchDocument

        call_command("load_content", verbosity=0)
        rng = random.Random(7)  # noqa: S311 - the same made-up catalogue every run
        words = _vocabulary()
        provider = Provider.objects.first()

        def text(count: int) -> str:
            return " ".join(rng.choice(words) for _ in range(count))

        Programme.objects.bulk_create(
            Programme(
                name=f"{text(3).capitalize()} programme {n}",
                slug=f"generated-programme-{n}",
                provider=provider,
                summary=text(25),
                audience=text(20),
                eligibility=text(20),
                duration=f"{rng.randint(1, 18)} months",
                format=rng.choice(Format.values),
                cost="Free",
                body=text(250),
                body_html=f"<p>{text(250)}</p>",
                sign_up_url="https://provider.example/apply/",
                cta_text="Apply",
                status="published",
            )
            for n in range(programmes)
        )
        GuidancePage.objects.bulk_create(
            GuidancePage(
                title=f"{text(4).capitalize()} {n}",
                slug=f"generated-page-{n}",
                summary=text(20),
                body=text(400),
                body_html=f"<p>{text(400)}</p>",
                status="published",
            )
            for n in range(pages)
        )
        # bulk_create sends no signals: index everything in one go, as a deployment would.
        call_command("rebuild_search_index", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Indexed {SearchDocument.objects.count()} pages")

    def _measure(self, rounds: int) -> tuple[list[float], list[float], float]:
        """Wall-clock milliseconds per request, this process's CPU milliseconds per request,
        and the database server process's mean CPU milliseconds per request. CPU time is
        what a search costs without waiting for a busy machine's processors."""
        client = Client()
        # Static addresses from the source folders, so no collectstatic run is needed first.
        storages = {**settings.STORAGES, "staticfiles": {"BACKEND": STATIC_FILES}}
        # Every search worked out afresh: a search already made is kept until content
        # changes (search.selectors.search), and this measures the work, not the keeping.
        with override_settings(
            SECURE_SSL_REDIRECT=False,
            ALLOWED_HOSTS=["testserver"],
            STORAGES=storages,
            PAGE_CACHE_SECONDS=0,
        ):
            for query in QUERIES:  # warm up connections and template caches
                client.get(reverse("search:search"), {"q": query}, REMOTE_ADDR="10.1.0.1")
            timings, cpu = [], []
            database_cpu_before = _database_cpu_seconds()
            for _ in range(rounds):
                for query in QUERIES:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    # A new address each time, as from many visitors: one visitor's
                    # searches are rate limited.
                    address = f"10.0.{len(timings) // 250}.{len(timings) % 250 + 1}"
                    response = client.get(
                        reverse("search:search"), {"q": query, "page": "2"}, REMOTE_ADDR=address
                    )
                    timings.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                    if response.status_code != 200:
                        raise CommandError(f"{query!r} answered {response.status_code}")
            database_cpu = (_database_cpu_seconds() - database_cpu_before) * 1000 / len(timings)
        return timings, cpu, database_cpu

    def _report(self, measured, programmes: int, pages: int, rounds: int) -> None:
        timings, cpu, database_cpu = measured
        memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        self.stdout.write(
            f"{len(timings)} requests ({rounds} rounds of {len(QUERIES)} queries), "
            f"{programmes} generated programmes, {pages} generated pages\n"
            f"wall clock: median {statistics.median(timings):.1f} ms, "
            f"p95 {_p95(timings):.1f} ms, max {max(timings):.1f} ms\n"
            f"CPU: Django process median {statistics.median(cpu):.1f} ms, "
            f"p95 {_p95(cpu):.1f} ms; database process mean {database_cpu:.1f} ms\n"
            f"machine: {os.cpu_count()} cores, {memory_gb:.0f} GB memory, "
            f"Python {platform.python_version()}, PostgreSQL {server}, DEBUG={settings.DEBUG}\n"
            # Other work on the machine slows every request: say how busy it was.
            f"load average at the end: {os.getloadavg()[0]:.1f}"
        )


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def _database_cpu_seconds() -> float:
    """CPU seconds used so far by this connection's PostgreSQL process, when it runs on this
    machine (read from /proc); 0 when it cannot be read."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: SIM115
    except OSError:
        return 0.0
    # utime and stime: fields 14 and 15 of /proc/<pid>/stat, counted after the ")".
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _vocabulary() -> list[str]:
    """Words from the bundled content, so generated text looks like the real thing."""
    from search.models import SearchTerm

    words = list(SearchTerm.objects.values_list("word", flat=True))
    return words or ["social", "work", "practice", "children", "families"]
