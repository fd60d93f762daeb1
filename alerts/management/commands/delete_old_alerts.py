from django.core.management.base import BaseCommand

from alerts import retention


class Command(BaseCommand):
    help = (
        "Delete alert requests not confirmed in time, alerts whose programme has ended, and "
        "the addresses in emails already sent. `manage.py nightly` runs it; safe to repeat."
    )

    def handle(self, *args, **options):
        deleted = retention.delete_old()
        self.stdout.write(
            f"{deleted.unconfirmed} unconfirmed and {deleted.ended} ended alerts deleted; "
            f"{deleted.emails_cleared} sent emails cleared."
        )
