from django.core.management.base import BaseCommand, CommandError

from editorial.linkcheck import check_all


class Command(BaseCommand):
    help = (
        "Check every external address in the content (sign-up addresses, provider websites "
        "and links in page text) and store the results for the admin. Exits with an error "
        "when any link is broken, so it can run on a schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers", type=int, default=8, help="How many addresses to check at once."
        )
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="Seconds to wait for each address."
        )

    def handle(self, *args, workers: int, timeout: float, **options):
        if workers < 1 or timeout <= 0:
            raise CommandError("--workers must be 1 or more and --timeout more than 0.")
        checks = check_all(workers=workers, timeout=timeout)
        broken = [check for check in checks if check.is_broken]
        for check in broken:
            problem = check.error or f"answered {check.status_code}"
            self.stdout.write(f"BROKEN {check.url} ({problem})\n  in {check.found_in}")
        self.stdout.write(f"Checked {len(checks)} links: {len(broken)} broken.")
        if broken:
            raise CommandError(f"{len(broken)} broken links. See 'Link checks' in the admin.")
