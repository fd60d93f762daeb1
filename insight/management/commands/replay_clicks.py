"""Load sign-up clicks the database missed back from the log, once it is available again,
and summarise again the days they belong to. Recording the clicks is programmes' service;
this command lives here because the summaries are this app's."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from insight.summaries import replaying_into
from programmes import services

# How much of a skipped line to show: enough to find it, not a whole hostile payload.
SHOWN_CHARACTERS = 120


def click_records(lines, *, name: str = "-") -> tuple[list[dict], list[str]]:
    """The clicks the site logged and signed among any other log lines (in plain text, each
    may carry a timestamp and level before the JSON; in JSON, the click is the message), and
    where each line that mentions a click but is not one the site signed can be found."""
    records, skipped = [], []
    for number, line in enumerate(lines, start=1):
        if services.CLICK_NOT_SAVED_EVENT not in line:
            continue
        record = _logged_json(line)
        if isinstance(record, dict) and isinstance(record.get("message"), str):
            # A JSON log line (LOG_FORMAT=json): the click is its message.
            record = _logged_json(record["message"])
        if services.verified_click(record) is None:
            skipped.append(f"{name}:{number}: {line.strip()[:SHOWN_CHARACTERS]}")
            continue
        records.append(record)
    return records, skipped


def _logged_json(text: str):
    start = text.find("{")
    try:
        return json.loads(text[start:]) if start >= 0 else None
    except json.JSONDecodeError:
        return None


class Command(BaseCommand):
    help = (
        "Store the sign-up clicks logged as 'sign_up_click_not_saved' while the database was "
        "unavailable. Only lines the site signed are stored; others are listed and skipped. "
        "Safe to run more than once on the same log: no click is stored twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("logfile", nargs="+", help="Log files to read ('-' for standard input)")

    def handle(self, *args, logfile: list[str], **options):
        records, skipped = [], []
        for name in logfile:
            if name == "-":
                found, bad = click_records(sys.stdin, name="stdin")
            else:
                path = Path(name)
                if not path.is_file():
                    raise CommandError(f"No such file: {name}")
                with path.open(encoding="utf-8", errors="replace") as lines:
                    found, bad = click_records(lines, name=name)
            records += found
            skipped += bad
        for line in skipped:
            self.stderr.write(f"Skipped, not a click this site signed: {line}")
        result = services.replay_sign_up_clicks(records=records, around_past_days=replaying_into)
        self.stdout.write(
            f"Added {result['added']} clicks; {result['already_stored']} were already stored; "
            f"{result['unknown_programme']} were for programmes that no longer exist; "
            f"{len(skipped)} lines could not be read or were not signed by this site; "
            f"{result['rejected']} could not be stored."
        )
