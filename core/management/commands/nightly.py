"""The jobs to run once a night, by name, so this ground-floor command needs nothing from the
apps that own them."""

import io
import logging

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

logger = logging.getLogger(__name__)

# In order: the dashboard's summary first, as it is quick, then the alert emails (deleting
# what is past keeping after sending), and the link check last, as it is slow.
JOBS = ("summarise_insight", "send_alerts", "delete_old_alerts", "check_links")


class Command(BaseCommand):
    help = (
        "Run every nightly job: " + ", ".join(JOBS) + ". One job failing does not stop the "
        "others; each one's outcome is reported, and the command exits with an error if any "
        "failed. Schedule it once a night, for example at 01:00."
    )

    def handle(self, *args, **options):
        failed = []
        for job in JOBS:
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
                f"{len(failed)} of {len(JOBS)} nightly jobs failed: " + ", ".join(failed)
            )
        self.stdout.write(f"All {len(JOBS)} nightly jobs done.")
