"""Runs the jobs settings.NIGHTLY_JOBS names, in order. The apps that own the jobs are named
there, in config, so this ground-floor command needs nothing from them."""

import io
import logging

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run every nightly job (settings.NIGHTLY_JOBS). One job failing does not stop the "
        "others; each one's outcome is reported, and the command exits with an error if any "
        "failed. Schedule it once a night, for example at 01:00."
    )

    def handle(self, *args, **options):
        jobs = settings.NIGHTLY_JOBS
        failed = []
        for job in jobs:
            output = io.StringIO()
            try:
                call_command(job, stdout=output, stderr=output)
            except CommandError as error:  # the job's own word on what went wrong
                logger.error("Nightly job %s failed: %s", job, error)
                failed.append(job)
                outcome = f"FAILED: {error}"
            except Exception as error:  # noqa: BLE001 - any failure, so the next job still runs
                logger.exception("Nightly job %s failed", job)
                failed.append(job)
                outcome = f"FAILED: {type(error).__name__}: {error}"
            else:
                logger.info("Nightly job %s done", job)
                outcome = "done"
            self.stdout.write(f"{job}: {outcome}")
            for line in output.getvalue().splitlines():
                self.stdout.write(f"  {line}")
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(jobs)} nightly jobs failed: " + ", ".join(failed)
            )
        self.stdout.write(f"All {len(jobs)} nightly jobs done.")
