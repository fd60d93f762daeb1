from django.core.management.base import BaseCommand, CommandError

from alerts import sending, triggers


class Command(BaseCommand):
    help = (
        "Queue an email for everyone waiting for a programme that has opened (or a stage that "
        "has a new programme), then send every alert email that is due through GOV.UK Notify "
        "(to the log without NOTIFY_API_KEY). Safe to run at any time and as often as you "
        "like, for example every 5 minutes; `manage.py nightly` runs it too. Exits with an "
        "error if any email failed for good: see 'Emails' in the admin."
    )

    def handle(self, *args, **options):
        found = triggers.check_programmes()
        for opening in found.openings:
            self.stdout.write(f"{opening.get_kind_display()}: {opening}")
        result = sending.send_due()
        self.stdout.write(
            f"{result.sent} sent, {result.retrying} to try again later, {result.failed} failed."
        )
        if result.failed:
            raise CommandError(f"{result.failed} alert emails failed. See 'Emails' in the admin.")
